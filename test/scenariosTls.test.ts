import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../src/harness/scenarios/loadScenarios.js';
import { runScenarios } from '../src/harness/scenarios/runScenarios.js';
import { selfSignedCertificate } from '../src/harness/server/selfSignedCertificate.js';

// The shipped client and fault scenarios over https (plexmatch run --tls): retry, timeout and fault
// behaviour is the same as over plain http, with the stand-in's own certificate trusted as `ca`.
const ROOT = join(import.meta.dirname, '..');

describe('the shipped suite over https', () => {
  it('every client and fault scenario passes on a TLS stand-in', { timeout: 120_000 }, async () => {
    const scenarios = loadScenarios([join(ROOT, 'scenarios', 'client'), join(ROOT, 'scenarios', 'faults')]);
    const summary = await runScenarios(scenarios, { target: { kind: 'replay', tls: await selfSignedCertificate() } });
    const failed = summary.results.filter((r) => r.status !== 'passed');
    expect(failed.map((r) => `${r.file} › ${r.name}: ${r.reason}`)).toEqual([]);
    expect(summary.results.length).toBeGreaterThan(90);
  });
});
