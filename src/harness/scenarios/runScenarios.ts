import type { RunnableScenario } from './loadScenarios.js';
import { runScenario } from './runScenario.js';
import { isServerTarget, type RunTarget } from './runTarget.js';
import { type RunSummary, type ScenarioResult, summarize } from './scenarioResult.js';

export interface RunOptions {
  readonly target: RunTarget;
  /**
   * Scenarios at once; each has its own server, so they do not interfere.
   * Default 8. Scenarios that bound a time run one at a time after the rest,
   * whatever this says, so no other scenario shares the CPU with them.
   */
  readonly concurrency?: number;
  /** Only scenarios whose file#name contains this text. */
  readonly filter?: string;
  /** Called as each scenario ends (progress, streaming reporters). */
  readonly onResult?: (result: ScenarioResult, done: number, total: number) => void;
}

/** A scenario whose expectations are about time: its gaps or its duration. */
export function boundsTime(scenario: RunnableScenario): boolean {
  const expect = scenario.kind === 'scenario' ? scenario.definition.expect : undefined;
  return expect?.gapsMs !== undefined || expect?.durationMs !== undefined;
}

/**
 * Runs scenarios in parallel, then those that bound a time one at a time
 * (results in the order given), and sums them up. On a real server (live,
 * container) the offline vectors are left out and counted as such: they
 * need no server, so a pass of theirs would say nothing about it.
 */
export async function runScenarios(scenarios: readonly RunnableScenario[], options: RunOptions): Promise<RunSummary> {
  const started = performance.now();
  const filtered =
    options.filter === undefined
      ? scenarios
      : scenarios.filter((s) => `${s.file}#${s.name}`.includes(options.filter as string));
  const chosen = isServerTarget(options.target) ? filtered.filter((s) => s.kind !== 'vector') : filtered;
  const results: ScenarioResult[] = new Array(chosen.length);
  let done = 0;
  const runAll = async (indexes: readonly number[], width: number) => {
    let next = 0;
    const worker = async () => {
      while (next < indexes.length) {
        const index = indexes[next] as number;
        next += 1;
        const outcome = await runScenario(chosen[index] as RunnableScenario, options.target);
        results[index] = outcome;
        done += 1;
        options.onResult?.(outcome, done, chosen.length);
      }
    };
    await Promise.all(Array.from({ length: width }, worker));
  };
  const timed = chosen.map((scenario, i) => (boundsTime(scenario) ? i : -1)).filter((i) => i >= 0);
  const untimed = chosen.map((_, i) => i).filter((i) => !timed.includes(i));
  await runAll(untimed, Math.max(1, options.concurrency ?? 8));
  await runAll(timed, 1);
  return summarize(results, performance.now() - started, filtered.length - chosen.length);
}
