import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAULT_CASES } from '../../src/harness/faults/faultCatalog.js';
import { runFaultCase } from '../../src/harness/faults/runFaultCase.js';
import { expectNoToken } from '../support/secrets.js';

// Acceptance 1 of the replay-server issue: every fault, through the real client, on real sockets.
describe.concurrent('every fault, end to end', () => {
  it.each(FAULT_CASES.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const result = await runFaultCase(entry);
    const { expect: want } = entry;
    expect(result.outcome, String(result.error)).toBe(want.outcome);
    if (want.code !== undefined) expect(result.code).toBe(want.code);
    if (want.phase !== undefined) expect(result.phase).toBe(want.phase);
    expect(result.clientAttempts).toBe(want.clientAttempts);
    expect(result.serverRequests).toBe(want.serverRequests);
    if (result.error !== undefined) expect((result.error as { attempts: number }).attempts).toBe(want.clientAttempts);
    // Where every attempt reached the server, both sides saw the same backoff gaps (within a connect's time).
    if (want.serverRequests === want.clientAttempts && want.clientAttempts > 1) {
      const clientStarts = result.attempts.map((a) => a.startedAt);
      result.serverTimes.forEach((at, i) => {
        expect(at - (clientStarts[i] as number)).toBeGreaterThanOrEqual(0);
        expect(at - (clientStarts[i] as number)).toBeLessThan(100);
      });
    }
    if (want.minMs !== undefined) expect(result.ms).toBeGreaterThanOrEqual(want.minMs);
    expect(result.ms).toBeLessThanOrEqual(want.maxMs);
    expectNoToken([result.error]);
  });
});

describe('docs/faults.md', () => {
  it('was produced from the current catalog: every case, with the outcome and attempts it expects', () => {
    const rows = new Map(
      readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'faults.md'), 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('| ') && !line.startsWith('| fault') && !line.startsWith('| ---'))
        .map((line) => line.split('|').map((cell) => cell.trim()))
        .map((cells) => [cells[1] as string, cells]),
    );
    for (const entry of FAULT_CASES) {
      const cells = rows.get(entry.name);
      expect(cells, `no row for "${entry.name}" (run npm run faults-table)`).toBeDefined();
      const outcome = entry.expect.outcome === 'success' ? 'success' : `\`${entry.expect.outcome}\``;
      expect(cells?.[4]).toBe(outcome);
      expect(cells?.[5]).toBe([entry.expect.code, entry.expect.phase].filter(Boolean).join(', '));
      expect(cells?.[6]).toBe(`${entry.expect.clientAttempts} / ${entry.expect.serverRequests}`);
    }
    expect(rows.size).toBe(FAULT_CASES.length);
  });
});
