/**
 * Runs every benchmark, each in its own process so that memory figures
 * belong to that benchmark alone, and prints one JSON line each.
 *   npm run bench                 all
 *   npm run bench -- match-index  one
 *   npm run bench -- report       all, written to docs/benchmarks.md (bench/report.ts)
 */
import { BENCHES, crashed, runBench } from './benches.js';
import { report } from './report.js';

const only = process.argv[2];
if (only === 'report') {
  process.exitCode = report();
} else {
  if (only !== undefined && !BENCHES.has(only)) {
    console.error(`unknown benchmark "${only}"; known: ${[...BENCHES.keys()].join(', ')}, or report`);
    process.exit(2);
  }
  let failed = false;
  for (const name of BENCHES.keys()) {
    if (only !== undefined && name !== only) continue;
    const run = runBench(name);
    console.log(`${name}: ${run.lastLine.replace(/^[a-z ]+ /, '')}`);
    failed ||= run.exitCode !== 0 || crashed(run);
  }
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  process.exitCode = failed ? 1 : 0;
}
