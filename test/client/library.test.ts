import { describe, expect, it } from 'vitest';
import { pageWindow, renderPage } from '../../src/harness/server/paging.js';
import { xmlResponse } from '../../src/harness/server/response.js';
import type { Responder } from '../../src/harness/server/startReplayServer.js';
import { type PlexItem, PlexNotFound, PlexPermanentError } from '../../src/index.js';
import { SECTIONS, SERVER_ROOT, videoXml } from '../support/plexXml.js';
import { plexClient, replayServer } from '../support/servers.js';

const MOVIES = Array.from({ length: 23 }, (_, i) =>
  videoXml({
    ratingKey: String(100 + i),
    title: `Movie ${i}`,
    year: '2001',
    media: [[`/data/Movies/Movie ${i}/movie.mkv`]],
  }),
);
const EPISODES = Array.from({ length: 7 }, (_, i) =>
  videoXml(
    {
      ratingKey: String(500 + i),
      title: `Episode ${i + 1}`,
      media: [[`/data/TV/Show/Season 01/Show - S01E0${i + 1}.mkv`]],
    },
    'episode',
  ),
);
const SHOWS = ['<Directory ratingKey="400" key="/library/metadata/400/children" type="show" title="Show"/>'];

/** A tiny Plex: root, sections, and paged listings (a show section lists shows unless type=4). */
const respond: Responder = (request) => {
  if (request.path === '/') return xmlResponse(SERVER_ROOT);
  if (request.path === '/library/sections') return xmlResponse(SECTIONS);
  const window = pageWindow(request);
  if (request.path === '/library/sections/1/all')
    return xmlResponse(renderPage(MOVIES, window, 'librarySectionID="1"'));
  if (request.path === '/library/sections/2/all') {
    return xmlResponse(
      renderPage(request.query.get('type') === '4' ? EPISODES : SHOWS, window, 'librarySectionID="2"'),
    );
  }
  if (request.path === '/library/sections/3/all') return xmlResponse(renderPage([], window, 'librarySectionID="3"'));
  return undefined;
};

describe.concurrent('libraries and listings', () => {
  it('finds a library by exact title, with its locations', async (ctx) => {
    const server = await replayServer(ctx, { respond });
    const library = await plexClient(ctx, server.url).getLibrary('TV Shows');
    expect(library).toMatchObject({ key: '2', title: 'TV Shows', type: 'show', refreshing: true });
    expect(library.locations.map((l) => l.path)).toEqual(['/data/TV', '/mnt/more-tv']);
  });

  it('reports a missing library as PlexNotFound listing the titles that exist', async (ctx) => {
    const server = await replayServer(ctx, { respond });
    const error = await plexClient(ctx, server.url)
      .getLibrary('Films')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlexNotFound);
    expect(error).toMatchObject({ code: 'LIBRARY_NOT_FOUND' });
    expect((error as Error).message).toBe('no library titled "Films"; the server has "Movies", "TV Shows", "Empty"');
  });

  it('finds a title in another case when only one library has it, as python-plexapi does', async (ctx) => {
    const server = await replayServer(ctx, { respond });
    const client = plexClient(ctx, server.url);
    expect((await client.getLibrary('movies')).key).toBe('1');
    expect((await client.getLibrary('TV SHOWS')).key).toBe('2');
  });

  it('an exact title wins over a case variant; two case variants are never a guess', async (ctx) => {
    const variants = SECTIONS.replace('title="Empty"', 'title="MOVIES"');
    const server = await replayServer(ctx, {
      respond: (r) => (r.path === '/library/sections' ? xmlResponse(variants) : respond(r)),
    });
    const client = plexClient(ctx, server.url);
    expect((await client.getLibrary('Movies')).key).toBe('1');
    expect((await client.getLibrary('MOVIES')).key).toBe('3');
    const error = await client.getLibrary('movies').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlexPermanentError);
    expect(error).toMatchObject({ code: 'LIBRARY_AMBIGUOUS' });
    expect((error as Error).message).toBe(
      '2 libraries match "movies" ignoring case: "Movies" (key 1), "MOVIES" (key 3); pick one from libraries() by key',
    );
  });

  it('refuses to pick between two libraries with the same title', async (ctx) => {
    const twice = SECTIONS.replace('title="Empty"', 'title="Movies"');
    const server = await replayServer(ctx, {
      respond: (r) => (r.path === '/library/sections' ? xmlResponse(twice) : respond(r)),
    });
    const error = await plexClient(ctx, server.url)
      .getLibrary('Movies')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlexPermanentError);
    expect((error as Error).message).toMatch(/2 libraries are titled "Movies": "Movies" \(key 1\), "Movies" \(key 3\)/);
  });

  it('pages with X-Plex-Container-Start/Size until totalSize, and types the items', async (ctx) => {
    const server = await replayServer(ctx, { respond });
    const library = await plexClient(ctx, server.url, undefined, { pageSize: 10 }).getLibrary('Movies');
    const items = await library.all();
    expect(items.map((i) => i.ratingKey)).toEqual(Array.from({ length: 23 }, (_, i) => String(100 + i)));
    const listing = server.log.filter((e) => e.path === '/library/sections/1/all');
    expect(listing.map((e) => [e.containerStart, e.containerSize])).toEqual([
      ['0', '10'],
      ['10', '10'],
      ['20', '10'],
    ]);
    expect(listing.every((e) => e.url.includes('type=1'))).toBe(true);
    const first = items[0] as PlexItem;
    expect(first).toMatchObject({ type: 'movie', title: 'Movie 0', year: 2001, key: '/library/metadata/100' });
    expect(first.media[0]?.parts[0]).toMatchObject({ file: '/data/Movies/Movie 0/movie.mkv', size: 1000 });
  });

  it('lists episodes, not shows, in a show section (type=4)', async (ctx) => {
    const server = await replayServer(ctx, { respond });
    const library = await plexClient(ctx, server.url, undefined, { pageSize: 3 }).getLibrary('TV Shows');
    const items = await library.all();
    expect(items).toHaveLength(7);
    expect(new Set(items.map((i) => i.type))).toEqual(new Set(['episode']));
    expect(server.log.filter((e) => e.path === '/library/sections/2/all').every((e) => e.url.includes('type=4'))).toBe(
      true,
    );
  });

  it('streams items with the async iterator and stops on an empty section after one request', async (ctx) => {
    const server = await replayServer(ctx, { respond });
    const client = plexClient(ctx, server.url, undefined, { pageSize: 5 });
    const seen: string[] = [];
    for await (const item of await client.getLibrary('Movies')) seen.push(item.ratingKey);
    expect(seen).toHaveLength(23);
    const empty = await (await client.getLibrary('Empty')).all();
    expect(empty).toEqual([]);
    expect(server.log.filter((e) => e.path === '/library/sections/3/all')).toHaveLength(1);
  });

  it('caches the server identity after the first success', async (ctx) => {
    const server = await replayServer(ctx, { respond });
    const client = plexClient(ctx, server.url);
    const [a, b] = await Promise.all([client.getServer(), client.getServer()]);
    const c = await client.getServer();
    expect(a).toEqual({
      machineIdentifier: '0123456789abcdef0123456789abcdef01234567',
      version: '1.41.3.9314-a0bfb8370',
      friendlyName: 'Test Server',
      platform: 'Linux',
      platformVersion: '6.1',
    });
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(server.log.filter((e) => e.path === '/')).toHaveLength(1);
  });

  it('does not cache a failure', async (ctx) => {
    const server = await replayServer(ctx, {
      respond,
      faults: [{ path: '/', attempts: [1], fault: { kind: 'status', status: 503 } }],
    });
    const client = plexClient(ctx, server.url);
    await expect(client.getServer()).rejects.toMatchObject({ status: 503 });
    await expect(client.getServer()).resolves.toMatchObject({ friendlyName: 'Test Server' });
  });

  it('sends the client headers Plex expects', async (ctx) => {
    let seen: Record<string, unknown> = {};
    const server = await replayServer(ctx, {
      respond: (r) => {
        seen = r.headers;
        return respond(r);
      },
    });
    await plexClient(ctx, server.url, 'tkn-0123456789', { clientIdentifier: 'test-client' }).getServer();
    expect(seen).toMatchObject({
      'x-plex-token': 'tkn-0123456789',
      'x-plex-client-identifier': 'test-client',
      'x-plex-product': 'plexmatch',
      accept: 'application/xml',
    });
  });

  it('works behind a reverse proxy sub-path', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: (r) =>
        r.path.startsWith('/plex/') || r.path === '/plex' ? respond({ ...r, path: r.path.slice(5) || '/' }) : undefined,
    });
    const client = plexClient(ctx, `${server.url}/plex/`);
    await expect(client.getServer()).resolves.toMatchObject({ friendlyName: 'Test Server' });
    expect(server.log[0]?.path).toBe('/plex/');
  });

  it('releases its sockets on close() and refuses later requests without I/O', async (ctx) => {
    const server = await replayServer(ctx, { respond });
    const client = plexClient(ctx, server.url);
    await client.getServer();
    expect(await server.openConnections()).toBe(1); // kept alive for the next request
    await client.close();
    await ctx.expect.poll(() => server.openConnections()).toBe(0);
    await expect(client.libraries()).rejects.toMatchObject({ code: 'CLIENT_CLOSED', attempts: 0 });
    expect(server.log).toHaveLength(1);
  });
});
