import { describe, expect, it } from 'vitest';
import { fixtureFromLibrary } from '../../src/harness/fixtures/fixtureFromLibrary.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import type { Responder } from '../../src/harness/server/startReplayServer.js';
import { findPlexItemByPath, LibraryIndex, MatchInputError, matchPath, type PlexItem } from '../../src/index.js';
import { captureLogger } from '../support/recorders.js';
import { plexClient, replayServer } from '../support/servers.js';

function movie(ratingKey: string, title: string, files: string[], addedAt = 1_700_000_000): PlexItem {
  return {
    ratingKey,
    key: `/library/metadata/${ratingKey}`,
    type: 'movie',
    title,
    addedAt,
    updatedAt: addedAt,
    media: [{ id: `${ratingKey}1`, parts: files.map((file, i) => ({ id: `${ratingKey}1${i}`, file })) }],
  };
}

const SINTEL = movie('101', 'Sintel', ['/data/Movies/Sintel (2010)/Sintel (2010).mp4']);
const A = movie('102', 'A', ['/data/Movies/A/movie.mkv']);
const B = movie('103', 'B', ['/data/Movies/B/movie.mkv']);

/** A loopback Plex serving `items` as a movie section; `setItems` changes what it serves from then on. */
async function plexWith(ctx: Parameters<typeof replayServer>[0], items: PlexItem[]) {
  const responderFor = (list: PlexItem[]): Responder =>
    fixtureResponder(
      fixtureFromLibrary({
        name: 't',
        description: 't',
        sections: [{ key: '1', title: 'Movies', type: 'movie', locations: ['/data/Movies'], items: list }],
      }),
    );
  let current = responderFor(items);
  const server = await replayServer(ctx, { respond: (request) => current(request) });
  return {
    server,
    setItems(next: PlexItem[]) {
      current = responderFor(next);
    },
    listings: () => server.log.filter((e) => e.path === '/library/sections/1/all'),
  };
}

describe.concurrent('matchPath on a PlexLibrary', () => {
  it('scans the section once and answers later lookups from the index', async (ctx) => {
    const plex = await plexWith(ctx, [SINTEL, A, B]);
    const library = await plexClient(ctx, plex.server.url, undefined, { pageSize: 2 }).getLibrary('Movies');
    const options = { mappings: [{ from: '/mnt/media', to: '/data' }] };
    const first = await matchPath(library, '/mnt/media/Movies/Sintel (2010)/Sintel (2010).mp4', options);
    expect(first).toMatchObject({
      status: 'matched',
      strategy: 'exact',
      mappedPath: '/data/Movies/Sintel (2010)/Sintel (2010).mp4',
    });
    expect(first.item?.ratingKey).toBe('101');
    const scanRequests = plex.listings().length;
    expect(scanRequests).toBe(2); // 3 items, pages of 2
    await matchPath(library, '/mnt/media/Movies/A/movie.mkv', options);
    expect(plex.listings()).toHaveLength(scanRequests);
  });

  it('re-checks a miss after an incremental refresh, so a file Plex just added is found (misses are never cached)', async (ctx) => {
    const plex = await plexWith(ctx, [SINTEL]);
    const library = await plexClient(ctx, plex.server.url).getLibrary('Movies');
    const fresh = '/data/Movies/New (2024)/New (2024).mkv';
    expect((await matchPath(library, fresh, { refreshOnMiss: false })).status).toBe('not_found');
    const before = plex.listings().length;

    plex.setItems([SINTEL, movie('104', 'New', [fresh], 1_700_000_500)]);
    const result = await matchPath(library, fresh);

    expect(result).toMatchObject({ status: 'matched', strategy: 'exact' });
    expect(result.item?.ratingKey).toBe('104');
    // The answer after a refresh is a whole result: candidates too (a spread copy once lost them).
    expect(result.candidates.map((c) => c.ratingKey)).toEqual(['104']);
    expect(JSON.parse(JSON.stringify(result)).candidates).toHaveLength(1);
    expect(result.trace.map((step) => step.step)).toEqual([
      'mapping',
      'strategy',
      'strategy',
      'strategy',
      'refresh',
      'strategy',
    ]);
    const refreshes = plex.listings().slice(before);
    // Both filters are asked at once, so they may arrive in either order.
    expect(refreshes.map((e) => decodeURIComponent(e.url)).sort()).toEqual([
      '/library/sections/1/all?type=1&addedAt>>=1699999999',
      '/library/sections/1/all?type=1&updatedAt>>=1699999999',
    ]);
  });

  it('an item dated in the future never blinds the refresh: the cursor stays at the server’s clock, and the item is noted once', async (ctx) => {
    // One item stamped 2100: before, every later refresh asked addedAt>>=4102444799 and saw nothing new.
    const future = movie('105', 'Future', ['/data/Movies/Future/future.mkv'], 4_102_444_800);
    const plex = await plexWith(ctx, [SINTEL, future]);
    const logger = captureLogger();
    const options = { logger, refreshIntervalMs: 0 };
    const library = await plexClient(ctx, plex.server.url, undefined, options).getLibrary('Movies');
    const fresh = '/data/Movies/New (2024)/New (2024).mkv';
    const later = '/data/Movies/Later (2024)/Later (2024).mkv';
    expect((await matchPath(library, fresh, { refreshOnMiss: false })).status).toBe('not_found');
    const before = plex.listings().length;

    plex.setItems([SINTEL, future, movie('104', 'New', [fresh], 1_700_000_500)]);
    expect((await matchPath(library, fresh)).item?.ratingKey).toBe('104');
    plex.setItems([
      SINTEL,
      future,
      movie('104', 'New', [fresh], 1_700_000_500),
      movie('106', 'Later', [later], 1_700_000_900),
    ]);
    expect((await matchPath(library, later)).item?.ratingKey).toBe('106');

    const asked = plex
      .listings()
      .slice(before)
      .map((e) => decodeURIComponent(e.url).replace(/.*(added|updated)At>>=/, '$1 '));
    expect(asked.sort()).toEqual(['added 1699999999', 'added 1700000499', 'updated 1699999999', 'updated 1700000499']);
    const noted = logger.lines.filter((line) => line.includes('ratingKey="105"'));
    expect(noted).toEqual([
      'plexmatch: library "Movies": <Video ratingKey="105" title="Future">: is dated after the server\'s clock (4102444800, 2100-01-01T00:00:00.000Z); incremental refreshes do not start from its date',
    ]);
  });

  it('does not refresh when refreshOnMiss is false', async (ctx) => {
    const plex = await plexWith(ctx, [SINTEL]);
    const library = await plexClient(ctx, plex.server.url).getLibrary('Movies');
    await matchPath(library, '/data/Movies/x.mkv', { refreshOnMiss: false });
    const after = plex.listings().length;
    await matchPath(library, '/data/Movies/y.mkv', { refreshOnMiss: false });
    expect(plex.listings()).toHaveLength(after);
  });

  it('rejects a bad path or mapping before any request', async (ctx) => {
    const plex = await plexWith(ctx, [SINTEL]);
    const library = await plexClient(ctx, plex.server.url).getLibrary('Movies');
    const requests = plex.server.log.length;
    await expect(matchPath(library, 'Movies/x.mkv')).rejects.toBeInstanceOf(MatchInputError);
    await expect(matchPath(library, '/x.mkv', { plexPathPrefix: '/data' })).rejects.toMatchObject({
      code: 'INVALID_MAPPING',
      input: 'plexPathPrefix',
    });
    expect(plex.server.log).toHaveLength(requests);
  });

  it('rejects options that are not an options object, naming them, before any request', async (ctx) => {
    const plex = await plexWith(ctx, [SINTEL]);
    const library = await plexClient(ctx, plex.server.url).getLibrary('Movies');
    const requests = plex.server.log.length;
    const bad: [unknown, string, RegExp][] = [
      [null, 'options', /must be an object .* got null/],
      [[], 'options', /got an array/],
      ['/data', 'options', /got string/],
      [
        { mapping: [] },
        'mapping',
        /is not an option; known options are mappings, stashPathPrefix, plexPathPrefix, logger, refreshOnMiss/,
      ],
    ];
    for (const [options, input, message] of bad) {
      for (const call of [
        () => matchPath(library, '/data/x.mkv', options as never),
        () => findPlexItemByPath(library, '/data/x.mkv', options as never),
      ]) {
        const error = await call().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MatchInputError);
        expect(error).toMatchObject({ code: 'INVALID_OPTIONS', input });
        expect((error as Error).message).toMatch(message);
      }
    }
    expect(plex.server.log).toHaveLength(requests);
  });
});

describe.concurrent('findPlexItemByPath (the original plan’s API)', () => {
  it('returns the item with the original plan’s prefix pair', async (ctx) => {
    const plex = await plexWith(ctx, [SINTEL, A, B]);
    const library = await plexClient(ctx, plex.server.url).getLibrary('Movies');
    const item = await findPlexItemByPath(library, '/stash/Sintel (2010)/Sintel (2010).mp4', {
      stashPathPrefix: '/stash',
      plexPathPrefix: '/data/Movies',
    });
    expect(item?.ratingKey).toBe('101');
  });

  it('returns null for an ambiguous name and warns with the candidates’ files', async () => {
    const logger = captureLogger();
    const index = LibraryIndex.fromItems([SINTEL, A, B]);
    const item = await findPlexItemByPath(index, '/elsewhere/movie.mkv', { logger });
    expect(item).toBeNull();
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toContain('ambiguous by filename: 2 items qualify (same_name)');
    expect(logger.lines[0]).toContain('102 ("/data/Movies/A/movie.mkv")');
    expect(logger.lines[0]).toContain('103 ("/data/Movies/B/movie.mkv")');
  });

  it('returns null without a warning when nothing matches, and throws for bad input', async () => {
    const logger = captureLogger();
    const index = LibraryIndex.fromItems([SINTEL]);
    expect(await findPlexItemByPath(index, '/data/nothing.mkv', { logger })).toBeNull();
    expect(logger.lines).toEqual([]);
    await expect(findPlexItemByPath(index, '', { logger })).rejects.toMatchObject({
      code: 'INVALID_PATH',
      input: 'path',
    });
  });

  it('an index built from items cannot refresh, and says why', async () => {
    const index = LibraryIndex.fromItems([SINTEL]);
    await expect(index.refresh()).rejects.toThrow(/built from items, not scanned from a library/);
  });
});

describe('LibraryIndex refresh', () => {
  it('refresh() re-scans and notices deletions; refreshIncremental() does not', async (ctx) => {
    const plex = await plexWith(ctx, [SINTEL, A]);
    const library = await plexClient(ctx, plex.server.url).getLibrary('Movies');
    const index = await LibraryIndex.fromLibrary(library);
    expect(index.size).toBe(2);
    plex.setItems([SINTEL]);
    await index.refreshIncremental();
    expect(index.match('/data/Movies/A/movie.mkv').status).toBe('matched'); // the documented limit
    await index.refresh();
    expect(index.size).toBe(1);
    expect(index.match('/data/Movies/A/movie.mkv').status).toBe('not_found');
  });
});

describe.concurrent('refresh on a miss, coalesced', () => {
  const missing = (i: number) => `/data/Movies/Not Scanned ${i}/Not Scanned ${i}.mkv`;

  it('a loop of misses costs one refresh per refreshIntervalMs, not one per miss', async (ctx) => {
    const plex = await plexWith(ctx, [SINTEL, A, B]);
    const library = await plexClient(ctx, plex.server.url).getLibrary('Movies');
    const results = [];
    for (let i = 0; i < 200; i += 1) results.push(await matchPath(library, missing(i)));
    expect(results.every((r) => r.status === 'not_found')).toBe(true);
    // One scan page, then one refresh (two filtered requests) for all 200 misses.
    expect(plex.listings()).toHaveLength(3);
    const refreshes = results.map((r) => r.trace.find((step) => step.step === 'refresh'));
    expect(refreshes[0]).toMatchObject({ kind: 'incremental' });
    expect(refreshes.slice(1).every((step) => step?.step === 'refresh' && step.kind === 'recent')).toBe(true);
  });

  it('misses at the same time share the refresh in flight', async (ctx) => {
    const plex = await plexWith(ctx, [SINTEL]);
    const library = await plexClient(ctx, plex.server.url).getLibrary('Movies');
    await matchPath(library, SINTEL.media[0]?.parts[0]?.file as string); // the scan
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => matchPath(library, missing(i))));
    expect(plex.listings()).toHaveLength(3);
    const kinds = results.map((r) => {
      const step = r.trace.find((s) => s.step === 'refresh');
      return step?.step === 'refresh' ? (step.shared ? 'shared' : step.kind) : 'none';
    });
    expect(kinds.filter((k) => k === 'incremental')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'shared')).toHaveLength(49);
  });

  it('finds a file added within the interval once the interval has passed', async (ctx) => {
    const plex = await plexWith(ctx, [SINTEL]);
    const library = await plexClient(ctx, plex.server.url, undefined, { refreshIntervalMs: 300 }).getLibrary('Movies');
    const fresh = '/data/Movies/New (2024)/New (2024).mkv';
    expect((await matchPath(library, missing(1))).status).toBe('not_found'); // scan + refresh
    plex.setItems([SINTEL, movie('104', 'New', [fresh], 1_700_000_500)]);
    expect((await matchPath(library, fresh)).status).toBe('not_found'); // within the interval: not asked
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await matchPath(library, fresh)).item?.ratingKey).toBe('104');
  });

  it('refreshIntervalMs 0 asks on every miss; a failed refresh does not count as one', async (ctx) => {
    const plex = await plexWith(ctx, [SINTEL]);
    const library = await plexClient(ctx, plex.server.url, undefined, { refreshIntervalMs: 0 }).getLibrary('Movies');
    await matchPath(library, missing(1));
    await matchPath(library, missing(2));
    expect(plex.listings()).toHaveLength(5);

    const other = await plexWith(ctx, [SINTEL]);
    const lib2 = await plexClient(ctx, other.server.url).getLibrary('Movies');
    await matchPath(lib2, SINTEL.media[0]?.parts[0]?.file as string); // the scan
    other.server.setFaults([{ path: '/library/sections/1/all', times: 1, fault: { kind: 'status', status: 500 } }]);
    await expect(matchPath(lib2, missing(1))).rejects.toMatchObject({ status: 500 });
    const result = await matchPath(lib2, missing(2)); // asks again: the failed one did not count
    expect(result.trace.find((s) => s.step === 'refresh')).toMatchObject({ kind: 'incremental' });
  });
});
