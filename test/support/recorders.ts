import { type LoopLateness, watchLoopLateness } from '../../src/harness/timing/loopLateness.js';
import type { AttemptEvent, PlexLogger } from '../../src/index.js';

/** A logger that keeps every line (with the time it was written). */
export function captureLogger(): PlexLogger & { lines: string[]; times: number[] } {
  const lines: string[] = [];
  const times: number[] = [];
  return {
    lines,
    times,
    warn(message: string, ...rest: unknown[]) {
      times.push(performance.now());
      lines.push([message, ...rest.map(String)].join(' '));
    },
    debug(message: string) {
      lines.push(message);
    },
  };
}

/** Collects the client's attempt events. */
export function captureAttempts(): { events: AttemptEvent[]; onAttempt: (event: AttemptEvent) => void } {
  const events: AttemptEvent[] = [];
  return { events, onAttempt: (event) => events.push(event) };
}

/** Gaps between the end of one attempt and the start of the next: the backoff waits the client actually made. */
export function waitsBetween(events: readonly AttemptEvent[]): number[] {
  return events.slice(1).map((event, i) => event.startedAt - (events[i] as AttemptEvent).endedAt);
}

/**
 * Runs `work` and returns how it settled, how long it took, and how late the
 * event loop was meanwhile (upper time bounds allow that: `lateBound`).
 */
export async function timed<T>(
  work: () => Promise<T>,
): Promise<{ ms: number; lateness: LoopLateness; value?: T; error?: unknown }> {
  const watch = watchLoopLateness();
  const start = performance.now();
  try {
    const value = await work();
    return { ms: performance.now() - start, lateness: watch.stop(), value };
  } catch (error) {
    return { ms: performance.now() - start, lateness: watch.stop(), error };
  }
}
