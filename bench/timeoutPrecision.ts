/**
 * How close to the configured value the client's timeouts fire, on real
 * loopback sockets: many concurrent single attempts against a server that
 * never answers (read timeout) and a listener that never accepts (connect
 * timeout). Reports the overshoot (actual − configured) in ms, against the
 * bounds docs/client.md ("Timeouts") and docs/scenarios.md state: never early
 * (overshoot ≥ 0), within [1.0, 2.0] s of a 1 s limit, within 50 ms of 1.3 s.
 */

import type { AttemptEvent } from '../src/client/http/attemptEvent.js';
import { PlexClient } from '../src/client/PlexClient.js';
import { startBlackholeListener } from '../src/harness/faults/blackholeListener.js';
import { xmlResponse } from '../src/harness/server/response.js';
import { startReplayServer } from '../src/harness/server/startReplayServer.js';
import { type Figure, figure } from './figures.js';

const TRIALS = 20;
/** The largest overshoot allowed per configured value (docs/client.md, "Timeouts"). */
const MAX_OVERSHOOT_MS = new Map([
  [1000, 1000],
  [1300, 50],
]);

function summary(overshoots: number[]): {
  trials: number;
  minMs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
} {
  const sorted = [...overshoots].sort((a, b) => a - b);
  const at = (q: number) =>
    Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number).toFixed(1));
  return { trials: sorted.length, minMs: at(0), medianMs: at(0.5), p95Ms: at(0.95), maxMs: at(1) };
}

async function firstAttempt(
  url: string,
  options: { readTimeoutMs?: number; connectTimeoutMs?: number },
): Promise<AttemptEvent> {
  let first: AttemptEvent | undefined;
  const client = new PlexClient(url, undefined, {
    ...options,
    onAttempt: (event) => {
      first ??= event;
    },
  });
  // One attempt is enough: close as soon as it has ended.
  const done = client.getServer().catch(() => undefined);
  while (first === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
  await client.close();
  await done;
  return first;
}

/** Overshoot of one kind of timeout at 1000 and 1300 ms, keyed like "read1000.medianMs", and its figures. */
async function measure(
  url: string,
  kind: 'read' | 'connect',
  into: Record<string, number>,
  figures: Figure[],
): Promise<void> {
  for (const [ms, maxOvershoot] of MAX_OVERSHOOT_MS) {
    const options = kind === 'read' ? { readTimeoutMs: ms } : { connectTimeoutMs: ms };
    const events = await Promise.all(Array.from({ length: TRIALS }, () => firstAttempt(url, options)));
    const overshoot = summary(events.map((e) => e.endedAt - e.startedAt - ms));
    for (const [k, v] of Object.entries(overshoot)) into[`${kind}${ms}.${k}`] = v;
    const what = `${kind} timeout ${ms} ms, ${TRIALS} at once: overshoot`;
    figures.push(
      figure(`${what}, earliest`, overshoot.minMs, 'ms', '>= 0'),
      figure(`${what}, median`, overshoot.medianMs, 'ms'),
      figure(`${what}, largest`, overshoot.maxMs, 'ms', `<= ${maxOvershoot}`),
    );
  }
}

export async function timeoutPrecision(): Promise<Record<string, unknown>> {
  const result: Record<string, number> = {};
  const figures: Figure[] = [];
  const server = await startReplayServer({
    respond: () => xmlResponse('<MediaContainer/>'),
    faults: [{ fault: { kind: 'stall-headers' } }],
  });
  await measure(server.url, 'read', result, figures);
  await server.close();
  const blackhole = await startBlackholeListener();
  await measure(blackhole.url, 'connect', result, figures);
  await blackhole.close();
  return { ...result, figures };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('timeout precision', JSON.stringify(await timeoutPrecision()));
}
