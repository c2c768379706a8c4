import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, type ExpectStatic, expect, it } from 'vitest';
import { loadScenarios, type RunnableScenario } from '../src/harness/scenarios/loadScenarios.js';
import { runScenario } from '../src/harness/scenarios/runScenario.js';
import { boundsTime, runScenarios } from '../src/harness/scenarios/runScenarios.js';

// Every scenario under scenarios/ is one test, run by the same runner as `plexmatch run`, each on
// its own loopback replay server, so they run concurrently, except those that bound a time: as in
// runScenarios, those run one at a time. Expectations live in the YAML files.
const ROOT = join(import.meta.dirname, '..', 'scenarios');
const scenarios = loadScenarios([ROOT]);
const byFile = new Map<string, RunnableScenario[]>();
for (const scenario of scenarios) {
  const file = scenario.file.slice(ROOT.length + 1);
  byFile.set(file, [...(byFile.get(file) ?? []), scenario]);
}

describe('the scenario suite', () => {
  it("docs/scenarios.md's example loads it from any working folder, as from an installed package", () => {
    const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'scenarios.md'), 'utf8');
    const args = /runScenarios\(loadScenarios\(([^)]*)\)/.exec(doc)?.[1];
    expect(args, 'docs/scenarios.md calls runScenarios(loadScenarios(…))').toBeDefined();
    const elsewhere = mkdtempSync(join(tmpdir(), 'plexmatch-installed-'));
    const cwd = process.cwd();
    process.chdir(elsewhere); // synchronously back below: no other test sees it
    let loaded: RunnableScenario[];
    try {
      loaded = new Function('loadScenarios', `return loadScenarios(${args})`)(loadScenarios);
    } finally {
      process.chdir(cwd);
    }
    expect(loaded.map((s) => s.file)).toEqual(scenarios.map((s) => s.file));
  });

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

async function passes(scenario: RunnableScenario, expect: ExpectStatic): Promise<void> {
  const result = await runScenario(scenario, { kind: 'replay' });
  expect(result.status, result.reason).not.toBe('skipped');
  expect(result.differences, result.id).toEqual([]);
  expect(result.status).toBe('passed');
}

for (const [file, inFile] of byFile) {
  const timed = inFile.filter(boundsTime);
  const untimed = inFile.filter((s) => !boundsTime(s));
  describe(file, () => {
    if (untimed.length > 0)
      describe.concurrent('no time bound', () => {
        for (const scenario of untimed)
          it(`${scenario.name}: ${scenario.why}`, ({ expect }) => passes(scenario, expect));
      });
    if (timed.length > 0)
      describe('time-bound, one at a time', () => {
        for (const scenario of timed) it(`${scenario.name}: ${scenario.why}`, ({ expect }) => passes(scenario, expect));
      });
  });
}
