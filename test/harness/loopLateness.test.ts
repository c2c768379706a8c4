import { describe, expect, it } from 'vitest';
import { checkScenarioExpect } from '../../src/harness/scenarios/checkScenarioExpect.js';
import type { Provisioned } from '../../src/harness/scenarios/provisionTarget.js';
import { lateBound, watchLoopLateness } from '../../src/harness/timing/loopLateness.js';
import type { AttemptEvent } from '../../src/index.js';

// docs/scenarios.md, "Time bounds on a busy machine".
const NONE = { maxMs: 0, totalMs: 0 };

function attempt(n: number, startedAt: number, endedAt: number): AttemptEvent {
  return { url: 'http://127.0.0.1:1/', attempt: n, startedAt, endedAt, outcome: 'ECONNRESET' };
}
const target = { server: undefined } as unknown as Provisioned;

describe('loop lateness', () => {
  it('sees a stall of the event loop, even one at the very end of the window', () => {
    const watch = watchLoopLateness();
    const until = performance.now() + 120;
    while (performance.now() < until) {
      // the loop is blocked: every timer due now fires late
    }
    const lateness = watch.stop();
    expect(lateness.totalMs).toBeGreaterThanOrEqual(100);
    expect(lateness.maxMs).toBeGreaterThanOrEqual(100);
    expect(lateness.maxMs).toBeLessThanOrEqual(lateness.totalMs);
  });

  it('adds the measured lateness to an upper bound, never to a lower one', () => {
    // One wait of 251 ms against [98, 250]: fails on time, passes when the loop was 5 ms late.
    const events = [attempt(1, 0, 10), attempt(2, 261, 270)];
    const expectGaps = { gapsMs: { '/': [[98, 250] as [number, number]] } };
    expect(checkScenarioExpect(expectGaps, events, target, 300, NONE).differences).toEqual([
      'gaps /: wait 1 expected in [98, 250] ms, got 251 ms',
    ]);
    expect(checkScenarioExpect(expectGaps, events, target, 300, { maxMs: 5, totalMs: 5 }).differences).toEqual([]);
    // A wait shorter than the spec fails however late the loop was.
    const early = [attempt(1, 0, 10), attempt(2, 107, 120)];
    expect(checkScenarioExpect(expectGaps, early, target, 300, { maxMs: 500, totalMs: 500 }).differences).toEqual([
      'gaps /: wait 1 expected in [98, 250] ms (+500 ms the event loop was late), got 97 ms',
    ]);
  });

  it('judges a duration the same way: exact minimum, maximum plus lateness', () => {
    const bound = { durationMs: { min: 300, max: 900 } };
    expect(checkScenarioExpect(bound, [], target, 950, NONE).differences).toEqual([
      'duration: expected at most 900 ms, took 950 ms',
    ]);
    expect(checkScenarioExpect(bound, [], target, 950, { maxMs: 60, totalMs: 60 }).differences).toEqual([]);
    expect(checkScenarioExpect(bound, [], target, 299, { maxMs: 60, totalMs: 60 }).differences).toEqual([
      'duration: expected at least 300 ms, took 299 ms',
    ]);
    expect(lateBound(900, { maxMs: 1, totalMs: 0.2 })).toBe(901);
  });
});
