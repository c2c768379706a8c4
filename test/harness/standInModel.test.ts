import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attr, children } from '../../src/client/xml/attributes.js';
import { parseMediaContainer, type XmlElement } from '../../src/client/xml/parseMediaContainer.js';
import { loadFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import type { FixtureSet } from '../../src/harness/fixtures/fixtureSet.js';
import { syntheticSet } from '../../src/harness/fixtures/syntheticSet.js';
import { replayServer } from '../support/servers.js';

// The stand-in answers from the set's items (docs/fixtures.md, "What the stand-in answers"): every
// endpoint and parameter of issue 26's table, on every shipped set and a synthetic section, with the
// same data as the XML listing a client pages through.
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const SETS: [string, () => FixtureSet][] = [
  ...['linux-docker', 'windows', 'macos'].map((name): [string, () => FixtureSet] => [
    name,
    () => loadFixtureSet(join(FIXTURES, name)),
  ]),
  ['synthetic (60 items)', () => syntheticSet({ count: 60, seed: 7 })],
];

type Server = Awaited<ReturnType<typeof replayServer>>;

async function get(server: Server, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers });
  expect(response.status, path).toBe(200);
  return { container: parseMediaContainer(Buffer.from(await response.arrayBuffer())), headers: response.headers };
}

const items = (c: XmlElement) => [...children(c, 'Video'), ...children(c, 'Directory')];
const files = (item: XmlElement) =>
  children(item, 'Media').flatMap((m) => children(m, 'Part').map((p) => attr(p, 'file')));
const keys = (list: readonly XmlElement[]) => list.map((i) => attr(i, 'ratingKey'));
/** What the search tests type: the title upper-cased and without accents. */
const typed = (title: string) => title.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();

describe.concurrent.each(SETS)('the stand-in model on %s', (_name, load) => {
  it('answers every item of every listing at /library/metadata/{key}, with any include parameters, as the listing has it', async (ctx) => {
    const server = await replayServer(ctx, { respond: fixtureResponder(load()) });
    const sections = children((await get(server, '/library/sections')).container, 'Directory');
    let seen = 0;
    for (const section of sections) {
      const leaf = attr(section, 'type') === 'show' ? 4 : 1;
      const listing = items(
        (await get(server, `/library/sections/${attr(section, 'key')}/all?type=${leaf}`)).container,
      );
      for (const item of listing.slice(0, 25)) {
        const key = attr(item, 'ratingKey') as string;
        const reload = `/library/metadata/${key}?checkFiles=0&includeChildren=0&includeMarkers=1&includeFields=thumbBlurHash%2CartBlurHash&includeGuids=1&unknownParameter=x`;
        const [one, ...more] = items((await get(server, reload)).container);
        expect(more).toEqual([]);
        expect([attr(one as XmlElement, 'ratingKey'), attr(one as XmlElement, 'title')]).toEqual([
          key,
          attr(item, 'title'),
        ]);
        expect(files(one as XmlElement)).toEqual(files(item));
        expect(children(one as XmlElement, 'Guid').length).toBeGreaterThan(0);
        seen += 1;
      }
    }
    expect(seen).toBeGreaterThan(0);
    const missing = await fetch(`${server.url}/library/metadata/999999999`);
    expect(missing.status).toBe(404);
  });

  it('lists shows with the counts Plex sends, and their seasons, children and leaves agree with the episode listing', async (ctx) => {
    const server = await replayServer(ctx, { respond: fixtureResponder(load()) });
    const sections = children((await get(server, '/library/sections')).container, 'Directory');
    for (const section of sections.filter((s) => attr(s, 'type') === 'show')) {
      const base = `/library/sections/${attr(section, 'key')}`;
      const episodes = items((await get(server, `${base}/all?type=4`)).container);
      const shows = items((await get(server, `${base}/all?type=2`)).container);
      const seasons = items((await get(server, `${base}/all?type=3`)).container);
      expect(keys(items((await get(server, `${base}/allLeaves`)).container))).toEqual(keys(episodes));
      let leaves = 0;
      for (const show of shows) {
        for (const name of ['childCount', 'leafCount', 'viewedLeafCount', 'index', 'guid', 'year'])
          expect(attr(show, name), name).toBeDefined();
        const key = attr(show, 'ratingKey') as string;
        const own = episodes.filter((e) => attr(e, 'grandparentRatingKey') === key);
        expect(Number(attr(show, 'leafCount'))).toBe(own.length);
        const showSeasons = items(
          (await get(server, `/library/metadata/${key}/children?excludeAllLeaves=1`)).container,
        );
        expect(showSeasons.length).toBe(Number(attr(show, 'childCount')));
        for (const season of showSeasons) {
          expect(attr(season, 'parentRatingKey')).toBe(key);
          const inSeason = items(
            (await get(server, `/library/metadata/${attr(season, 'ratingKey')}/children`)).container,
          );
          expect(keys(inSeason)).toEqual(
            keys(own.filter((e) => attr(e, 'parentRatingKey') === attr(season, 'ratingKey'))),
          );
          expect(inSeason.every((e) => attr(e, 'parentIndex') === attr(season, 'index'))).toBe(true);
        }
        const all = items((await get(server, `/library/metadata/${key}/allLeaves`)).container);
        expect(keys(all)).toEqual(keys(own));
        expect(all.flatMap(files)).toEqual(own.flatMap(files));
        leaves += all.length;
      }
      expect(leaves).toBe(episodes.length);
      expect(seasons.length).toBe(shows.reduce((n, s) => n + Number(attr(s, 'childCount')), 0));
    }
  });

  it('answers sections/all, a section, recentlyAdded, library/all, hub search and search from the same items', async (ctx) => {
    const server = await replayServer(ctx, { respond: fixtureResponder(load()) });
    const listed = await get(server, '/library/sections');
    const all = await get(server, '/library/sections/all');
    expect(children(all.container, 'Directory').map((d) => attr(d, 'key'))).toEqual(
      children(listed.container, 'Directory').map((d) => attr(d, 'key')),
    );
    const [first] = children(listed.container, 'Directory');
    const key = attr(first as XmlElement, 'key') as string;
    expect(attr((await get(server, `/library/sections/${key}`)).container, 'librarySectionID')).toBe(key);
    const movies = items((await get(server, `/library/sections/${key}/all?type=1`)).container);
    const recentlyAdded = (await get(server, '/library/recentlyAdded')).container;
    const recent = items(recentlyAdded);
    // Newest first (the parsed container groups items by tag, so each tag's order is checked).
    for (const tag of ['Video', 'Directory']) {
      const added = children(recentlyAdded, tag).map((i) => Number(attr(i, 'addedAt')));
      expect(added).toEqual([...added].sort((a, b) => b - a));
    }
    expect(recent.length).toBeGreaterThanOrEqual(movies.length);
    const target = movies.at(-1) as XmlElement;
    const title = attr(target, 'title') as string;
    const byTitle = items((await get(server, `/library/all?title=${encodeURIComponent(typed(title))}`)).container);
    expect(keys(byTitle)).toContain(attr(target, 'ratingKey'));
    const hubs = children(
      (
        await get(
          server,
          `/hubs/search?query=${encodeURIComponent(typed(title))}&includeCollections=1&includeExternalMedia=1`,
        )
      ).container,
      'Hub',
    );
    const movieHub = hubs.find((h) => attr(h, 'type') === 'movie');
    expect(keys(items(movieHub as XmlElement))).toContain(attr(target, 'ratingKey'));
    const searched = items((await get(server, `/search?query=${encodeURIComponent(typed(title))}`)).container);
    expect(keys(searched)).toContain(attr(target, 'ratingKey'));
    expect(searched.every((i) => typed(attr(i, 'title') as string).includes(typed(title)))).toBe(true);
  });

  it('applies year, sort, limit, includeGuids and Container-Size=0 as Plex does, ignores what it does not know, and sends paging headers', async (ctx) => {
    const server = await replayServer(ctx, { respond: fixtureResponder(load()) });
    const base = '/library/sections/1/all?type=1';
    const movies = items((await get(server, base)).container);
    const year = attr(movies[0] as XmlElement, 'year') as string;
    const ofYear = items((await get(server, `${base}&includeGuids=1&year=${year}`)).container);
    expect(keys(ofYear)).toEqual(keys(movies.filter((m) => attr(m, 'year') === year)));
    expect(ofYear.every((m) => children(m, 'Guid').length > 0)).toBe(true);
    const newest = items((await get(server, `${base}&sort=movie.addedAt:desc&limit=3`)).container);
    const byAdded = [...movies].sort((a, b) => Number(attr(b, 'addedAt')) - Number(attr(a, 'addedAt')));
    expect(keys(newest)).toEqual(keys(byAdded.slice(0, 3)));
    const total = await get(
      server,
      `/library/sections/1/all?includeCollections=0&X-Plex-Container-Start=0&X-Plex-Container-Size=0`,
    );
    expect([attr(total.container, 'size'), attr(total.container, 'totalSize')]).toEqual(['0', String(movies.length)]);
    expect(total.headers.get('X-Plex-Container-Total-Size')).toBe(String(movies.length));
    expect(total.headers.get('X-Plex-Container-Start')).toBe('0');
    const ignored = items((await get(server, `${base}&includeCollections=1&includeExternalMedia=1&foo=bar`)).container);
    expect(keys(ignored)).toEqual(keys(movies));
    const meta = children(
      (await get(server, '/library/sections/1/all?includeMeta=1&type=1&X-Plex-Container-Size=0')).container,
      'Meta',
    )[0];
    const [type] = children(meta as XmlElement, 'Type');
    expect(children(type as XmlElement, 'Sort').map((s) => attr(s, 'key'))).toContain('addedAt');
    expect(children(type as XmlElement, 'Field').map((f) => attr(f, 'key'))).toEqual(
      expect.arrayContaining(['title', 'year', 'addedAt']),
    );
  });

  it('answers /identity without a token, and nothing else', async (ctx) => {
    const server = await replayServer(ctx, { respond: fixtureResponder(load()), token: 'model-token-0123456789' });
    expect((await fetch(`${server.url}/identity`)).status).toBe(200);
    expect((await fetch(`${server.url}/library/metadata/1`)).status).toBe(401);
  });
});
