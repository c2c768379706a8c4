/**
 * The whole shipped scenario suite on the replay target, as `plexmatch run`
 * runs it (bound: under 60 s on a 2-core machine). Reports wall time, the
 * counts, the slowest scenarios and the machine's core count.
 *   npm run bench -- scenario-suite
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadScenarios } from '../src/harness/scenarios/loadScenarios.js';
import { runScenarios } from '../src/harness/scenarios/runScenarios.js';

export async function scenarioSuite(): Promise<Record<string, number | string>> {
  const started = performance.now();
  const scenarios = loadScenarios([fileURLToPath(new URL('../scenarios', import.meta.url))]);
  const loadedMs = performance.now() - started;
  const summary = await runScenarios(scenarios, { target: { kind: 'replay' } });
  const slowest = [...summary.results].sort((a, b) => b.durationMs - a.durationMs).slice(0, 3);
  return {
    cores: availableParallelism(),
    scenarios: summary.results.length,
    passed: summary.passed,
    failed: summary.failed,
    skipped: summary.skipped,
    loadMs: Math.round(loadedMs),
    wallMs: Math.round(performance.now() - started),
    boundMs: 60_000,
    slowest: slowest.map((r) => `${r.name} ${Math.round(r.durationMs)} ms`).join('; '),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await scenarioSuite();
  console.log('scenario suite', JSON.stringify(result));
  if (result.failed !== 0 || (result.wallMs as number) > 60_000) process.exitCode = 1;
}
