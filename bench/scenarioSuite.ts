/**
 * The whole shipped scenario suite on the replay target, as `plexmatch run`
 * runs it (bound: ≤ 60 s on a 2-core machine, docs/scenarios.md; every
 * scenario passes). Reports wall time, the counts, the slowest scenarios and
 * the machine's core count.
 *   npm run bench -- scenario-suite
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadScenarios } from '../src/harness/scenarios/loadScenarios.js';
import { runScenarios } from '../src/harness/scenarios/runScenarios.js';
import { figure } from './figures.js';

const BOUND_MS = 60_000;

export async function scenarioSuite(): Promise<Record<string, unknown>> {
  const started = performance.now();
  const scenarios = loadScenarios([fileURLToPath(new URL('../scenarios', import.meta.url))]);
  const loadedMs = performance.now() - started;
  const summary = await runScenarios(scenarios, { target: { kind: 'replay' } });
  const slowest = [...summary.results].sort((a, b) => b.durationMs - a.durationMs).slice(0, 3);
  const wallMs = Math.round(performance.now() - started);
  return {
    cores: availableParallelism(),
    scenarios: summary.results.length,
    passed: summary.passed,
    failed: summary.failed,
    skipped: summary.skipped,
    loadMs: Math.round(loadedMs),
    wallMs,
    slowest: slowest.map((r) => `${r.name} ${Math.round(r.durationMs)} ms`).join('; '),
    figures: [
      figure(
        `the shipped suite (${summary.results.length} scenarios) on replay, wall time`,
        wallMs,
        'ms',
        `<= ${BOUND_MS}`,
      ),
      figure('scenarios failed', summary.failed, 'count', '<= 0'),
      figure('scenarios skipped', summary.skipped, 'count'),
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await scenarioSuite();
  console.log('scenario suite', JSON.stringify(result));
  if (result.failed !== 0 || (result.wallMs as number) > BOUND_MS) process.exitCode = 1;
}
