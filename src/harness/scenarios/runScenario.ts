import { compact } from '../../client/internal.js';
import { type AttemptEvent, PlexClient } from '../../index.js';
import { watchLoopLateness } from '../timing/loopLateness.js';
import { runVector } from '../vectors/runVector.js';
import { checkScenarioExpect } from './checkScenarioExpect.js';
import type { LoadedScenario, RunnableScenario } from './loadScenarios.js';
import { provisionTarget } from './provisionTarget.js';
import { runSteps } from './runSteps.js';
import type { RunTarget } from './runTarget.js';
import type { ScenarioResult } from './scenarioResult.js';

function countByPath(urls: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const url of urls) {
    const path = new URL(url, 'http://x').pathname;
    counts[path] = (counts[path] ?? 0) + 1;
  }
  return counts;
}

function result(
  scenario: RunnableScenario,
  fields: Omit<ScenarioResult, 'id' | 'file' | 'name' | 'why' | 'ranOn' | 'reachedTarget'> &
    Partial<Pick<ScenarioResult, 'reachedTarget'>>,
  ranOn: ScenarioResult['ranOn'],
): ScenarioResult {
  return {
    id: `${scenario.file}#${scenario.name}`,
    file: scenario.file,
    name: scenario.name,
    why: scenario.why,
    ranOn,
    reachedTarget: false,
    ...fields,
  };
}

async function runDefined(scenario: LoadedScenario, run: RunTarget): Promise<ScenarioResult> {
  let provision: Awaited<ReturnType<typeof provisionTarget>>;
  try {
    provision = await provisionTarget(scenario, run);
  } catch (error) {
    // A fixture that cannot be loaded fails this scenario, not the whole run.
    const reason = `could not set up the target: ${(error as Error).message}`;
    return result(scenario, { status: 'failed', reason, durationMs: 0, differences: [reason], notes: [] }, run.kind);
  }
  if ('skip' in provision)
    return result(
      scenario,
      { status: 'skipped', reason: provision.skip, durationMs: 0, differences: [], notes: [] },
      run.kind,
    );
  const target = provision.ok;
  const events: AttemptEvent[] = [];
  let clearing: Promise<void> | undefined;
  const client = new PlexClient(target.url, target.token, {
    ...compact(scenario.client),
    ...target.tls,
    onAttempt: (event) => {
      events.push(event);
      const fault = target.connectFault;
      if (fault?.times !== undefined && events.length === fault.times)
        clearing = target.server?.setConnectFault(undefined);
    },
  });
  try {
    const watch = watchLoopLateness();
    const started = performance.now();
    const { differences, observations } = await runSteps(client, scenario.definition.steps, target.ratingKeys);
    const durationMs = performance.now() - started;
    const lateness = watch.stop();
    await clearing;
    const scenarioLevel = checkScenarioExpect(scenario.definition.expect ?? {}, events, target, durationMs, lateness);
    differences.push(...scenarioLevel.differences);
    const status = differences.length === 0 ? 'passed' : 'failed';
    return result(
      scenario,
      {
        status,
        ...(status === 'failed' ? { reason: differences[0] as string } : {}),
        durationMs,
        differences,
        notes: scenarioLevel.notes,
        reachedTarget: events.length > 0,
        observed: {
          steps: observations,
          attempts: countByPath(events.map((e) => e.url)),
          loopLateMs: Math.round(lateness.totalMs),
          ...(target.server === undefined ? {} : { serverRequests: countByPath(target.server.log.map((e) => e.path)) }),
        },
      },
      run.kind,
    );
  } finally {
    await client.close();
    await target.close();
  }
}

/** Runs one scenario or vector on a run target. Never throws for a scenario that fails; a broken setup does. */
export async function runScenario(scenario: RunnableScenario, run: RunTarget): Promise<ScenarioResult> {
  if (scenario.kind === 'scenario') return runDefined(scenario, run);
  const started = performance.now();
  const outcome = runVector(scenario.loaded);
  return result(
    scenario,
    {
      status: outcome.passed ? 'passed' : 'failed',
      ...(outcome.passed ? {} : { reason: outcome.differences[0] as string }),
      durationMs: performance.now() - started,
      differences: [...outcome.differences],
      notes: [],
    },
    'offline',
  );
}
