import { fileURLToPath } from 'node:url';
import type { LoadedScenario } from '../scenarios/loadScenarios.js';
import type { ScenarioResult } from '../scenarios/scenarioResult.js';

/** The scenarios that exercise every fault (docs/faults.md is generated from them): every file of the folder. */
export const FAULT_SCENARIOS = fileURLToPath(new URL('../../../scenarios/faults', import.meta.url));

/** The path a fault scenario is about: the one its attempts or server requests are counted for ("/" by default). */
function pathOf(scenario: LoadedScenario): string {
  const expect = scenario.definition.expect;
  return Object.keys(expect?.serverRequests ?? expect?.attempts ?? {})[0] ?? '/';
}

/** The outcome, code/phase and attempts columns: what a row must say, from expectations or from a run. */
function faultColumns(
  outcome: { class: string; code?: string | undefined; phase?: string | undefined } | undefined,
  client: number,
  server: number,
): string[] {
  return [
    outcome === undefined ? 'success' : `\`${outcome.class}\``,
    outcome === undefined ? '' : [outcome.code, outcome.phase].filter(Boolean).join(', '),
    `${client} / ${server}`,
  ];
}

/** What the fault scenario expects, in the columns of the table. */
export function expectedColumns(scenario: LoadedScenario): string[] {
  const step = scenario.definition.steps[0];
  const error = step?.expect !== undefined && 'error' in step.expect ? step.expect.error : undefined;
  const outcome = error !== undefined && 'class' in error ? error : undefined;
  const path = pathOf(scenario);
  return faultColumns(
    outcome,
    scenario.definition.expect?.attempts?.[path] ?? 0,
    scenario.definition.expect?.serverRequests?.[path] ?? 0,
  );
}

/** One table row: the scenario and what its run measured. */
export function faultRow(scenario: LoadedScenario, result: ScenarioResult): string {
  const observed = result.observed;
  const step = observed?.steps[0];
  const path = pathOf(scenario);
  const measured = faultColumns(step?.error, observed?.attempts[path] ?? 0, observed?.serverRequests?.[path] ?? 0);
  const options = Object.entries(scenario.client)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
  const bound = scenario.definition.expect?.durationMs;
  const bounds = bound === undefined ? '' : `${bound.min === undefined ? '' : `≥ ${bound.min}, `}≤ ${bound.max}`;
  const spec = (scenario.definition.faults ?? []).map((f) => `\`${f}\``).join(' ');
  return `| ${scenario.name} | ${scenario.why} | ${spec} | ${options} | ${measured.join(' | ')} | ${Math.round(result.durationMs)} | ${bounds} |`;
}
