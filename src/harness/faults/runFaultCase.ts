import { PlexError } from '../../client/errors/PlexError.js';
import type { AttemptEvent } from '../../client/http/attemptEvent.js';
import { PlexClient } from '../../client/PlexClient.js';
import { fixtureFromLibrary } from '../fixtures/fixtureFromLibrary.js';
import { fixtureResponder } from '../fixtures/fixtureResponder.js';
import { startReplayServer } from '../server/startReplayServer.js';
import type { FaultCase } from './faultCatalog.js';

/** What happened when a fault case ran, in the terms of its expectations. */
export interface FaultCaseResult {
  readonly outcome: string;
  readonly code?: string;
  readonly phase?: string;
  readonly clientAttempts: number;
  readonly serverRequests: number;
  readonly ms: number;
  readonly error?: unknown;
  /** Client-side attempt events and server-side request times, for gap checks. */
  readonly attempts: readonly AttemptEvent[];
  readonly serverTimes: readonly number[];
}

/** A server root big enough that "half the body" is a real mid-body stall. */
const SET = fixtureFromLibrary({
  name: 'fault-cases',
  description: 'the server the fault cases run against',
  server: { friendlyName: `fault cases ${'·'.repeat(2000)}` },
  sections: [],
});

/** Runs one case: a fresh replay server and client, GET /, timed end to end. */
export async function runFaultCase(entry: FaultCase): Promise<FaultCaseResult> {
  const server = await startReplayServer({
    respond: fixtureResponder(SET),
    faults:
      entry.fault === undefined
        ? []
        : [{ path: '/', fault: entry.fault, ...(entry.times === undefined ? {} : { times: entry.times }) }],
  });
  const attempts: AttemptEvent[] = [];
  let clearing: Promise<void> | undefined;
  const client = new PlexClient(server.url, undefined, {
    ...entry.client,
    onAttempt: (event) => {
      attempts.push(event);
      if (entry.clearAfterAttempts !== undefined && attempts.length === entry.clearAfterAttempts)
        clearing = server.setConnectFault(undefined);
    },
  });
  try {
    if (entry.connectFault !== undefined) await server.setConnectFault(entry.connectFault);
    const start = performance.now();
    let error: unknown;
    try {
      await client.getServer();
    } catch (caught) {
      error = caught;
    }
    const ms = performance.now() - start;
    await clearing;
    const base = {
      clientAttempts: attempts.length,
      serverRequests: server.log.length,
      ms,
      attempts,
      serverTimes: server.log.map((e) => e.at),
    };
    if (error === undefined) return { outcome: 'success', ...base };
    if (!(error instanceof PlexError)) return { outcome: (error as Error).name ?? 'unknown', error, ...base };
    const phase = (error as { phase?: string }).phase;
    return { outcome: error.name, code: error.code, ...(phase === undefined ? {} : { phase }), error, ...base };
  } finally {
    await client.close();
    await server.setConnectFault(undefined);
    await server.close();
  }
}
