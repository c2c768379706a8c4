import type { FaultRule } from './faults/fault.js';
import { fixtureFromLibrary } from './fixtures/fixtureFromLibrary.js';
import { fixtureResponder } from './fixtures/fixtureResponder.js';
import { syntheticLibrary } from './fixtures/syntheticLibrary.js';
import { type ReplayServer, startReplayServer } from './server/startReplayServer.js';

/** A loopback Plex with one synthetic movie section, for the demo and quick manual checks. */
export async function startDemoServer(count: number, faults: readonly FaultRule[] = []): Promise<ReplayServer> {
  const set = fixtureFromLibrary({
    name: 'demo',
    description: `synthetic movie section, ${count} items`,
    server: { friendlyName: 'plexmatch demo' },
    sections: [
      {
        key: '1',
        title: 'Movies',
        type: 'movie',
        locations: ['/data/Movies'],
        items: syntheticLibrary({ count, seed: 7 }),
      },
    ],
  });
  return startReplayServer({ respond: fixtureResponder(set), faults });
}
