import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attr, children } from '../../src/client/xml/attributes.js';
import { parseMediaContainer, type XmlElement } from '../../src/client/xml/parseMediaContainer.js';
import { loadFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import { PLEXAPI_HEADERS, PLEXAPI_REQUESTS, RELOAD } from '../support/pythonPlexapiRequests.js';
import { replayServer } from '../support/servers.js';

// Any Plex client must work against the replay server; python-plexapi's requests are the reference.
const TOKEN = 'plexapi-token-0123456789';
const SET = loadFixtureSet(join(import.meta.dirname, '..', '..', 'fixtures', 'linux-docker'));

/** What each request's answer must hold for python-plexapi to go on (see PLEXAPI_REQUESTS[].expects). */
const checks: Record<string, (container: XmlElement) => void> = {
  '/': (c) => {
    for (const name of ['machineIdentifier', 'version', 'friendlyName', 'platform']) expect(attr(c, name)).toBeTruthy();
  },
  '/library': (c) => {
    expect(attr(c, 'identifier')).toBe('com.plexapp.plugins.library');
    expect(children(c, 'Directory').map((d) => attr(d, 'key'))).toContain('sections');
  },
  '/library/sections': (c) => {
    const movies = children(c, 'Directory').find((d) => attr(d, 'title')?.toLowerCase().trim() === 'movies');
    expect(movies && [attr(movies, 'key'), attr(movies, 'type')]).toEqual(['1', 'movie']);
  },
  '/library/sections/1/all?includeGuids=1&type=1': (c) => {
    expect(attr(c, 'totalSize')).toBe('23');
    expect(attr(c, 'size')).toBe('23');
    const videos = children(c, 'Video');
    expect(videos.every((v) => attr(v, 'type') === 'movie' && children(v, 'Media').length > 0)).toBe(true);
  },
  '/library/sections/1/all?includeGuids=1': (c) => {
    expect(children(c, 'Video')).toHaveLength(23);
  },
  '/library/sections/1/all?includeMeta=1&includeAdvanced=1&X-Plex-Container-Start=0&X-Plex-Container-Size=0': (c) => {
    expect(attr(c, 'size')).toBe('0');
    expect(attr(c, 'totalSize')).toBe('23');
    const [meta] = children(c, 'Meta');
    expect(meta && children(meta, 'Type').map((t) => attr(t, 'type'))).toEqual(['movie']);
    expect(meta && children(meta, 'FieldType').map((t) => attr(t, 'type'))).toContain('string');
  },
  '/library/sections/1/collections?includeMeta=1&includeAdvanced=1&X-Plex-Container-Start=0&X-Plex-Container-Size=0': (
    c,
  ) => {
    expect(children(c, 'Meta')).toHaveLength(1);
  },
  [`/library/metadata/101?${RELOAD}`]: (c) => {
    const videos = children(c, 'Video');
    expect(videos.map((v) => attr(v, 'ratingKey'))).toEqual(['101']);
    expect(children(videos[0] as XmlElement, 'Media').length).toBeGreaterThan(0);
  },
  '/library/metadata/200/children?excludeAllLeaves=1': (c) => {
    const seasons = children(c, 'Directory');
    expect(seasons.map((s) => [attr(s, 'type'), attr(s, 'parentRatingKey')])).toEqual([['season', '200']]);
  },
  '/library/metadata/201/children': (c) => {
    const episodes = children(c, 'Video');
    expect(episodes.length).toBeGreaterThan(0);
    expect(episodes.every((e) => attr(e, 'parentRatingKey') === '201')).toBe(true);
  },
  '/library/metadata/200/allLeaves': (c) => {
    const episodes = children(c, 'Video');
    expect(episodes.length).toBeGreaterThan(0);
    expect(episodes.every((e) => attr(e, 'grandparentRatingKey') === '200')).toBe(true);
  },
  '/library/sections/2/all?includeGuids=1': (c) => {
    for (const show of children(c, 'Directory')) {
      for (const name of ['childCount', 'leafCount', 'guid', 'year']) expect(attr(show, name), name).toBeDefined();
    }
  },
  '/library/sections/1/all?includeGuids=1&title=Sintel&limit=1&year=2010': (c) => {
    const [movie, ...more] = children(c, 'Video');
    expect(more).toEqual([]);
    expect([attr(movie as XmlElement, 'title'), attr(movie as XmlElement, 'year')]).toEqual(['Sintel', '2010']);
    expect(children(movie as XmlElement, 'Guid').length).toBeGreaterThan(0);
  },
  '/library/sections/1/all?includeCollections=0&X-Plex-Container-Start=0&X-Plex-Container-Size=0': (c) => {
    expect([attr(c, 'size'), attr(c, 'totalSize')]).toEqual(['0', '23']);
  },
  '/library/sections/1/all?includeGuids=1&sort=movie.addedAt%3Adesc&type=1': (c) => {
    const added = children(c, 'Video').map((v) => Number(attr(v, 'addedAt')));
    expect(added).toHaveLength(23);
    expect(added).toEqual([...added].sort((a, b) => b - a));
  },
  '/hubs/search?query=sintel&includeCollections=1&includeExternalMedia=1': (c) => {
    const movies = children(c, 'Hub').find((h) => attr(h, 'type') === 'movie');
    expect(children(movies as XmlElement, 'Video').map((v) => attr(v, 'title'))).toContain('Sintel');
  },
};

describe.concurrent('python-plexapi 4.16 against the replay server', () => {
  it('every request python-plexapi makes has a check', () => {
    expect(PLEXAPI_REQUESTS.map((r) => r.path).sort()).toEqual(Object.keys(checks).sort());
  });

  it.for(PLEXAPI_REQUESTS.map((r) => [r.call, r] as const))('%s', async ([, request], ctx) => {
    const server = await replayServer(ctx, { respond: fixtureResponder(SET), token: TOKEN });
    const response = await fetch(`${server.url}${request.path}`, {
      headers: { ...PLEXAPI_HEADERS, ...request.headers, 'X-Plex-Token': TOKEN },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/xml;charset=utf-8');
    const container = parseMediaContainer(Buffer.from(await response.arrayBuffer()));
    checks[request.path]?.(container);
    // The server saw it as python-plexapi sent it, paging included.
    expect(server.log[0]?.containerSize).toBe(
      request.headers?.['X-Plex-Container-Size'] ?? (request.path.includes('Container-Size=0') ? '0' : undefined),
    );
  });

  it('the fallback a non-owner takes, /library/sections/ with a slash, is answered too', async (ctx) => {
    const server = await replayServer(ctx, { respond: fixtureResponder(SET) });
    expect((await fetch(`${server.url}/library/sections/`)).status).toBe(200);
  });

  it('paging as python-plexapi does it (start += 100 while start <= totalSize) ends with an empty page when the total is a multiple of the page size', async (ctx) => {
    const server = await replayServer(ctx, { respond: fixtureResponder(SET) });
    const sizes: string[] = [];
    // The movie section has 23 items: pages of 23 are one full page, then an empty one.
    for (let start = 0; ; start += 23) {
      const body = await fetch(`${server.url}/library/sections/1/all?includeGuids=1&type=1`, {
        headers: { 'X-Plex-Container-Start': String(start), 'X-Plex-Container-Size': '23' },
      }).then((r) => r.text());
      const container = parseMediaContainer(body);
      sizes.push(attr(container, 'size') as string);
      if (start + 23 > Number(attr(container, 'totalSize'))) break;
    }
    expect(sizes).toEqual(['23', '0']);
  });
});
