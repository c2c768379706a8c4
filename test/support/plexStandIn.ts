import { join } from 'node:path';
import { describedLibrary } from '../../src/harness/container/containerTarget.js';
import { loadFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { fixtureFromLibrary } from '../../src/harness/fixtures/fixtureFromLibrary.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import type { Responder } from '../../src/harness/server/startReplayServer.js';

export const PLEX_SETUP = join(import.meta.dirname, '..', 'fixtures', 'plex-setup');

/**
 * A stand-in for a fresh Plex that was seeded with linux-docker's media: the
 * set-up endpoints answer from test/fixtures/plex-setup (sections appear,
 * scan, settle), the listings from linux-docker with every ratingKey moved
 * by `offset`, as a real server numbers items its own way.
 */
export function plexStandIn(offset: number): Responder {
  const setup = fixtureResponder(loadFixtureSet(PLEX_SETUP));
  const library = describedLibrary('linux-docker');
  const renumbered = fixtureFromLibrary({
    ...library,
    sections: library.sections.map((section) => ({
      ...section,
      items: section.items.map((item) => ({ ...item, ratingKey: String(Number(item.ratingKey) + offset) })),
    })),
  });
  const listings = fixtureResponder(renumbered);
  return (request) => setup(request) ?? listings(request);
}
