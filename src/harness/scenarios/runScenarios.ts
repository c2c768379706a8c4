import type { RunnableScenario } from './loadScenarios.js';
import { runScenario } from './runScenario.js';
import { isServerTarget, type RunTarget } from './runTarget.js';
import { type RunSummary, type ScenarioResult, summarize } from './scenarioResult.js';

export interface RunOptions {
  readonly target: RunTarget;
  /** Scenarios at once; each has its own server, so they do not interfere. Default 8. */
  readonly concurrency?: number;
  /** Only scenarios whose file#name contains this text. */
  readonly filter?: string;
  /** Called as each scenario ends (progress, streaming reporters). */
  readonly onResult?: (result: ScenarioResult, done: number, total: number) => void;
}

/**
 * Runs scenarios in parallel (results in the order given) and sums them
 * up. On a real server (live, container) the offline vectors are left out
 * and counted as such: they need no server, so a pass of theirs would say
 * nothing about it.
 */
export async function runScenarios(scenarios: readonly RunnableScenario[], options: RunOptions): Promise<RunSummary> {
  const started = performance.now();
  const filtered =
    options.filter === undefined
      ? scenarios
      : scenarios.filter((s) => `${s.file}#${s.name}`.includes(options.filter as string));
  const chosen = isServerTarget(options.target) ? filtered.filter((s) => s.kind !== 'vector') : filtered;
  const results: ScenarioResult[] = new Array(chosen.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < chosen.length) {
      const index = next;
      next += 1;
      const outcome = await runScenario(chosen[index] as RunnableScenario, options.target);
      results[index] = outcome;
      done += 1;
      options.onResult?.(outcome, done, chosen.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  return summarize(results, performance.now() - started, filtered.length - chosen.length);
}
