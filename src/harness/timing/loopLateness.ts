import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * How late this process's event loop ran over a window of time. On a busy
 * machine (other processes on the cores, other tests in this process) every
 * timer fires late by what the loop was late by, so an upper time bound is
 * judged against `bound + totalMs`, never `bound` alone; lower bounds (a
 * retry never waits less than 100 ms, a timeout never fires early) are judged
 * exactly. docs/scenarios.md, "Time bounds on a busy machine".
 */
export interface LoopLateness {
  /** The longest single delay: how late one timer may have fired. */
  readonly maxMs: number;
  /** Every delay summed: how late a chain of timers may have ended, at most. */
  readonly totalMs: number;
}

/** Sampling interval: short enough to see a stall of a scheduler slice, long enough to cost nothing. */
const RESOLUTION_MS = 10;

/**
 * Starts measuring; `stop()` ends the window and says how late the loop was
 * in it. The histogram samples the loop every RESOLUTION_MS; a window of
 * `wall` ms holding `count` samples was late by what `wall` took beyond
 * `count` ticks (this also counts a stall at the very end of the window,
 * which no sample has recorded yet).
 */
export function watchLoopLateness(): { stop(): LoopLateness } {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const started = performance.now();
  histogram.enable();
  return {
    stop() {
      const wall = performance.now() - started;
      histogram.disable();
      const totalMs = Math.max(0, wall - histogram.count * RESOLUTION_MS);
      const recorded = histogram.count === 0 ? 0 : (histogram.count * histogram.mean) / 1e6;
      const longest = histogram.count === 0 ? 0 : histogram.max / 1e6 - RESOLUTION_MS;
      const tail = wall - recorded - RESOLUTION_MS;
      return { maxMs: Math.min(totalMs, Math.max(0, longest, tail)), totalMs };
    },
  };
}

/** An upper bound as judged under load: the bound plus what the loop was late by in the window. */
export function lateBound(bound: number, lateness: LoopLateness): number {
  return bound + Math.ceil(lateness.totalMs);
}
