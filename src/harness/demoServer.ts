import type { FaultRule } from './faults/fault.js';
import { fixtureResponder } from './fixtures/fixtureResponder.js';
import { syntheticSet } from './fixtures/syntheticSet.js';
import { type ReplayServer, startReplayServer } from './server/startReplayServer.js';

/** A loopback Plex with one synthetic movie section, for the demo and quick manual checks. */
export async function startDemoServer(count: number, faults: readonly FaultRule[] = []): Promise<ReplayServer> {
  const set = syntheticSet({ count, seed: 7 }, 'plexmatch demo');
  return startReplayServer({ respond: fixtureResponder(set), faults });
}
