import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Socket tests wait on real timeouts (about 3.5 s for three 1 s attempts).
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Most files wait on real timers, not the CPU: three at a time on a 2-core runner (vitest's default
    // there is one) halves the wall time; time bounds allow the event loop's measured lateness.
    maxWorkers: 3,
    // The JSON report is what .ci/run counts from (a plain "N passed, N failed" line).
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
  },
});
