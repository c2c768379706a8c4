import { PlexClient, redactUrl } from '../../index.js';
import type { RunnableScenario } from './loadScenarios.js';
import { whyNotOnServer } from './provisionTarget.js';
import type { ServerTarget } from './runTarget.js';
import type { ScenarioStep } from './scenarioSchema.js';

/** The library a step needs to exist: none when the step expects an error (a missing library is its point). */
function libraryOf(step: ScenarioStep): string | undefined {
  if (step.expect !== undefined && 'error' in step.expect && step.expect.error !== undefined) return undefined;
  if ('library' in step) return step.library;
  if ('list' in step) return step.list;
  if ('match' in step) return step.match.library;
  return undefined;
}

/** The libraries the scenarios that will run on `run` name in steps that expect them to exist. */
export function librariesNamed(scenarios: readonly RunnableScenario[], run: ServerTarget): string[] {
  const titles = new Set<string>();
  for (const scenario of scenarios) {
    if (scenario.kind !== 'scenario' || whyNotOnServer(scenario, run) !== undefined) continue;
    for (const step of scenario.definition.steps) {
      const title = libraryOf(step);
      if (title !== undefined) titles.add(title);
    }
  }
  return [...titles];
}

/**
 * Proves a real server is there before any scenario runs on it: it answers
 * /identity as Plex, and has every library the scenarios name. Throws the
 * client's error (PlexServerDown, PlexTimeout, PlexAuthError, PlexNotFound),
 * its message prefixed with the target, so a dead URL is one line and
 * never a run of skips that looks green.
 */
export async function checkServerTarget(
  run: ServerTarget,
  scenarios: readonly RunnableScenario[],
): Promise<{ readonly machineIdentifier: string; readonly libraries: readonly string[] }> {
  const client = new PlexClient(run.url, run.token, run.kind === 'live' ? run.tls : undefined);
  try {
    const server = await client.getServer();
    const libraries = librariesNamed(scenarios, run);
    for (const title of libraries) await client.getLibrary(title);
    return { machineIdentifier: server.machineIdentifier, libraries };
  } catch (error) {
    if (error instanceof Error) error.message = `--target ${run.kind} (${redactUrl(run.url)}): ${error.message}`;
    throw error;
  } finally {
    await client.close();
  }
}
