import { describe, expect, it } from 'vitest';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import { syntheticItem } from '../../src/harness/fixtures/syntheticLibrary.js';
import { syntheticSet } from '../../src/harness/fixtures/syntheticSet.js';
import { matchPath } from '../../src/index.js';
import { plexClient, replayServer } from '../support/servers.js';

describe('the plain lookup loop a sync tool writes', () => {
  it('costs one scan plus one refresh, not a request per miss (20k items, 2,000 paths, 10% not in Plex)', async (ctx) => {
    const server = await replayServer(ctx, { respond: fixtureResponder(syntheticSet({ count: 20_000, seed: 3 })) });
    const library = await plexClient(ctx, server.url).getLibrary('Movies');
    const statuses = new Map<string, number>();
    for (let i = 0; i < 2000; i += 1) {
      const path =
        i % 10 === 9
          ? `/data/Movies/Not Scanned ${i}/Not Scanned ${i}.mkv`
          : (syntheticItem((i * 7919) % 20_000, { seed: 3 }).media[0]?.parts[0]?.file as string);
      const { status } = await matchPath(library, path);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect(statuses.get('not_found')).toBe(200);
    const pages = 20_000 / 500;
    const listings = server.log.filter((e) => e.path === '/library/sections/1/all');
    expect(listings.length).toBeLessThanOrEqual(pages + 10);
    expect(listings.length).toBe(pages + 2); // the scan, then one refresh of two filtered requests
  });
});
