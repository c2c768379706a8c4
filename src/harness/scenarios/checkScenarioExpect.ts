import type { AttemptEvent } from '../../index.js';
import { type LoopLateness, lateBound } from '../timing/loopLateness.js';
import type { Provisioned } from './provisionTarget.js';
import type { ScenarioExpect } from './scenarioSchema.js';

const pathOf = (url: string) => new URL(url, 'http://x').pathname;

/** The waits between the attempts of each request to `path`: a retry's start minus the previous attempt's end. */
function gapsOf(events: readonly AttemptEvent[], path: string): number[] {
  const gaps: number[] = [];
  events.forEach((event, i) => {
    if (event.attempt === 1 || pathOf(event.url) !== path) return;
    const previous = events.slice(0, i).findLast((e) => e.url === event.url && e.attempt === event.attempt - 1);
    if (previous !== undefined) gaps.push(event.startedAt - previous.endedAt);
  });
  return gaps;
}

/**
 * The scenario-level expectations: attempts per path (client side), requests
 * per path (server side, where the target shows them), backoff gaps, and
 * the duration of the steps. Upper time bounds allow what the event loop
 * was measured late by during the steps (`lateness`); lower ones are exact.
 * Returns differences, and notes for what this target cannot observe.
 */
export function checkScenarioExpect(
  expect: ScenarioExpect,
  events: readonly AttemptEvent[],
  target: Provisioned,
  durationMs: number,
  lateness: LoopLateness,
): { differences: string[]; notes: string[] } {
  const late = lateness.totalMs >= 1 ? ` (+${Math.ceil(lateness.totalMs)} ms the event loop was late)` : '';
  const differences: string[] = [];
  const notes: string[] = [];
  for (const [path, want] of Object.entries(expect.attempts ?? {})) {
    const got = events.filter((e) => pathOf(e.url) === path).length;
    if (got !== want) differences.push(`attempts ${path}: expected ${want}, got ${got}`);
  }
  for (const [path, want] of Object.entries(expect.serverRequests ?? {})) {
    const seen = target.server?.log.map((e) => e.path) ?? target.nockRequests?.map(pathOf);
    if (seen === undefined) {
      notes.push(`serverRequests ${path}: not observable on this target`);
      continue;
    }
    const got = seen.filter((p) => p === path).length;
    // Over https a request the client cancels while its connection is still in the TLS handshake never
    // reaches the server (over http the connect is done before the client can cancel): those may be missing.
    const cancelled =
      target.tls === undefined ? 0 : events.filter((e) => pathOf(e.url) === path && e.outcome === 'ABORTED').length;
    if (got > want || got < want - cancelled) differences.push(`server requests ${path}: expected ${want}, got ${got}`);
    else if (got !== want)
      notes.push(`server requests ${path}: ${got} of ${want}; ${want - got} cancelled during the TLS handshake`);
  }
  for (const [path, bounds] of Object.entries(expect.gapsMs ?? {})) {
    const gaps = gapsOf(events, path);
    if (gaps.length !== bounds.length) {
      differences.push(
        `gaps ${path}: expected ${bounds.length} waits, got ${gaps.length} (${gaps.map(Math.round).join(', ')} ms)`,
      );
      continue;
    }
    gaps.forEach((gap, i) => {
      const [min, max] = bounds[i] as [number, number];
      if (gap < min || gap > lateBound(max, lateness))
        differences.push(
          `gaps ${path}: wait ${i + 1} expected in [${min}, ${max}] ms${late}, got ${Math.round(gap)} ms`,
        );
    });
  }
  const { durationMs: bound } = expect;
  if (bound !== undefined) {
    if (durationMs > lateBound(bound.max, lateness))
      differences.push(`duration: expected at most ${bound.max} ms${late}, took ${Math.round(durationMs)} ms`);
    if (bound.min !== undefined && durationMs < bound.min)
      differences.push(`duration: expected at least ${bound.min} ms, took ${Math.round(durationMs)} ms`);
  }
  return { differences, notes };
}
