import { compact } from '../../client/internal.js';
import { matchPath, type PlexClient, type PlexLibrary } from '../../index.js';
import { checkError, describeError } from './checkError.js';
import type { StepObservation } from './scenarioResult.js';
import type { ScenarioStep } from './scenarioSchema.js';

function label(step: ScenarioStep, index: number): string {
  if ('connect' in step) return `step ${index + 1} (connect)`;
  if ('library' in step) return `step ${index + 1} (library ${JSON.stringify(step.library)})`;
  if ('list' in step) return `step ${index + 1} (list ${JSON.stringify(step.list)})`;
  return `step ${index + 1} (match ${JSON.stringify(step.match.path)})`;
}

const sorted = (keys: readonly string[] | undefined) => JSON.stringify([...(keys ?? [])].sort());

function observe(where: string, error: unknown): StepObservation {
  if (error === undefined) return { step: where, ok: true };
  const e = error as { name?: string; code?: string; phase?: string; status?: number; attempts?: number };
  return {
    step: where,
    ok: false,
    error: {
      class: e.name ?? 'Error',
      ...compact({ code: e.code, phase: e.phase, status: e.status, attempts: e.attempts }),
    },
  };
}

/**
 * Runs the steps in order against a client. Returns one line per
 * expectation that did not hold, and how each step ended.
 */
export async function runSteps(
  client: PlexClient,
  steps: readonly ScenarioStep[],
  ratingKeys?: ReadonlyMap<string, string>,
): Promise<{ differences: string[]; observations: StepObservation[] }> {
  // On a real server, expected ratingKeys are the fixture's: compare their twins there.
  const twin = (key: string | undefined) => (key === undefined ? undefined : (ratingKeys?.get(key) ?? key));
  const twins = (keys: readonly string[] | undefined) => keys?.map((key) => twin(key) as string);
  const libraries = new Map<string, Promise<PlexLibrary>>();
  const library = (title: string) => {
    let pending = libraries.get(title);
    if (pending === undefined) {
      pending = client.getLibrary(title);
      libraries.set(title, pending);
      pending.catch(() => libraries.delete(title));
    }
    return pending;
  };
  const differences: string[] = [];
  const observations: StepObservation[] = [];
  for (const [index, step] of steps.entries()) {
    const where = label(step, index);
    const expected = step.expect ?? {};
    const check = (field: string, want: unknown, got: unknown, show = JSON.stringify) => {
      if (want !== undefined && show(want) !== show(got))
        differences.push(`${where}: ${field} expected ${show(want)}, got ${show(got)}`);
    };
    let actual: unknown;
    let error: unknown;
    try {
      if ('connect' in step) actual = await client.getServer();
      else if ('library' in step) actual = await library(step.library);
      else if ('list' in step) actual = await (await library(step.list)).all();
      else {
        const { library: title, path, ...options } = step.match;
        actual = await matchPath(await library(title), path, compact(options));
      }
    } catch (caught) {
      error = caught;
    }
    observations.push(observe(where, error));
    if (expected.error !== undefined) {
      differences.push(...checkError(where, expected.error, error));
      continue;
    }
    if (error !== undefined) {
      differences.push(`${where}: unexpected ${describeError(error)}`);
      continue;
    }
    if ('connect' in step && step.expect) {
      const server = actual as { machineIdentifier: string; platform?: string };
      check('machineIdentifier', step.expect.machineIdentifier, server.machineIdentifier);
      check('platform', step.expect.platform, server.platform);
    } else if ('library' in step && step.expect) {
      const found = actual as PlexLibrary;
      check('key', step.expect.key, found.key);
      check('type', step.expect.type, found.type);
      check(
        'locations',
        step.expect.locations,
        found.locations.map((l) => l.path),
      );
    } else if ('list' in step && step.expect) {
      const items = actual as Awaited<ReturnType<PlexLibrary['all']>>;
      check('count', step.expect.count, items.length);
      check(
        'ratingKeys',
        twins(step.expect.ratingKeys),
        items.map((i) => i.ratingKey),
        sorted as never,
      );
      const files = new Set(items.flatMap((i) => i.media.flatMap((m) => m.parts.map((p) => p.file))));
      for (const file of step.expect.files ?? [])
        if (!files.has(file)) differences.push(`${where}: no item has the file ${JSON.stringify(file)}`);
    } else if ('match' in step && step.expect) {
      const result = actual as Awaited<ReturnType<typeof matchPath>>;
      check('status', step.expect.status, result.status);
      check('strategy', step.expect.strategy, result.strategy);
      check('ratingKey', twin(step.expect.ratingKey), result.item?.ratingKey);
      check(
        'candidates',
        twins(step.expect.candidates),
        result.candidates.map((c) => c.ratingKey),
        sorted as never,
      );
      check('reason', step.expect.reason, result.reason);
    }
  }
  return { differences, observations };
}
