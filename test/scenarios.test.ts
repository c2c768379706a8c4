import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarios, type RunnableScenario } from '../src/harness/scenarios/loadScenarios.js';
import { runScenario } from '../src/harness/scenarios/runScenario.js';
import { runScenarios } from '../src/harness/scenarios/runScenarios.js';

// Every scenario under scenarios/ is one test, run by the same runner as `plexmatch run`, each on
// its own loopback replay server (so they run concurrently). Expectations live in the YAML files.
const ROOT = join(import.meta.dirname, '..', 'scenarios');
const scenarios = loadScenarios([ROOT]);
const byFile = new Map<string, RunnableScenario[]>();
for (const scenario of scenarios) {
  const file = scenario.file.slice(ROOT.length + 1);
  byFile.set(file, [...(byFile.get(file) ?? []), scenario]);
}

describe('the scenario suite', () => {
  it('holds at least 100 scenarios, at least 60 of them matching vectors', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(100);
    expect(scenarios.filter((s) => s.kind === 'vector').length).toBeGreaterThanOrEqual(60);
  });

  it('passes in process too (--target nock); fault scenarios skip there, with a reason, and are not passes', async () => {
    const summary = await runScenarios(scenarios, { target: { kind: 'nock' } });
    const withFaults = scenarios.filter((s) => s.kind === 'scenario' && (s.definition.faults ?? []).length > 0);
    expect(summary.results.filter((r) => r.status === 'failed').map((r) => `${r.id}: ${r.reason}`)).toEqual([]);
    expect(summary.skipped).toBe(withFaults.length);
    expect(
      summary.results.filter((r) => r.status === 'skipped').every((r) => /real sockets/.test(r.reason ?? '')),
    ).toBe(true);
  });
});

for (const [file, inFile] of byFile) {
  describe.concurrent(file, () => {
    for (const scenario of inFile) {
      it(`${scenario.name}: ${scenario.why}`, async ({ expect }) => {
        const result = await runScenario(scenario, { kind: 'replay' });
        expect(result.status, result.reason).not.toBe('skipped');
        expect(result.differences, result.id).toEqual([]);
        expect(result.status).toBe('passed');
      });
    }
  });
}
