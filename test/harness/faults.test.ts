import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS } from '../../src/harness/faults/fault.js';
import { expectedColumns, FAULT_SCENARIOS } from '../../src/harness/faults/faultTable.js';
import { type LoadedScenario, loadScenarios } from '../../src/harness/scenarios/loadScenarios.js';

// The fault scenarios themselves run in test/scenarios.test.ts with every other scenario.
const scenarios = loadScenarios([FAULT_SCENARIOS]) as LoadedScenario[];

describe('the fault scenarios', () => {
  it('cover every fault the replay server can do, and both connection faults', () => {
    const kinds = new Set(scenarios.flatMap((s) => (s.definition.faults ?? []).map((f) => f.split(':')[0])));
    for (const kind of [...FAULT_KINDS, 'refused', 'blackhole']) expect(kinds, kind).toContain(kind);
  });

  it('docs/faults.md was produced from the current scenarios (run npm run faults-table)', () => {
    const rows = new Map(
      readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'faults.md'), 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('| ') && !line.startsWith('| fault') && !line.startsWith('| ---'))
        .map((line) => line.split('|').map((cell) => cell.trim()))
        .map((cells) => [cells[1] as string, cells]),
    );
    for (const scenario of scenarios) {
      const cells = rows.get(scenario.name);
      expect(cells, `no row for "${scenario.name}"`).toBeDefined();
      expect(cells?.slice(5, 8), scenario.name).toEqual(expectedColumns(scenario));
    }
    expect(rows.size).toBe(scenarios.length);
  });
});
