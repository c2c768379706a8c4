import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTagAttribute } from '../../src/client/internal.js';
import { parseFaultSpec } from '../../src/harness/faults/parseFaultSpec.js';
import { loadFixtureSet, writeFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import { type FixtureSet, requestKey } from '../../src/harness/fixtures/fixtureSet.js';
import { resolveFixtureSet, shippedFixtureNames } from '../../src/harness/fixtures/resolveFixtureSet.js';
import { splitContainer } from '../../src/harness/fixtures/splitContainer.js';
import { Anonymizer } from '../../src/harness/record/anonymizer.js';
import { recordFixtureSet } from '../../src/harness/record/recordFixtureSet.js';
import { withItemAnswers } from '../support/itemAnswers.js';
import { replayServer } from '../support/servers.js';

const TOKEN = 'record-items-token-4b8e1d';

const keyOf = (r: { request: { method: string; path: string; query: Record<string, string> } }) =>
  requestKey(r.request.method, r.request.path, r.request.query);
/** The key the recorder records an answer of the source under: an item's own answer is asked with includeGuids=1. */
const recordedKeyOf = (r: { request: { method: string; path: string; query: Record<string, string> } }) =>
  /^\/library\/metadata\/[^/]+$/.test(r.request.path)
    ? requestKey(r.request.method, r.request.path, { ...r.request.query, includeGuids: '1' })
    : keyOf(r);

async function serve(ctx: Parameters<typeof replayServer>[0], set: FixtureSet) {
  return replayServer(ctx, { respond: fixtureResponder(set), token: TOKEN });
}

const source = (name: string) => withItemAnswers(loadFixtureSet(resolveFixtureSet(name)));

describe('record --items full (recordFixtureSet items)', () => {
  it.for(shippedFixtureNames())(
    '%s: every item answer and every show and season children listing, byte for byte, beside the listings',
    async (name, ctx) => {
      const set = source(name);
      const server = await serve(ctx, set);
      const recorded = await recordFixtureSet({ url: server.url, token: TOKEN, name, pageSize: 2 });
      expect(recorded.responses.map(keyOf).sort()).toEqual([...new Set(set.responses.map(recordedKeyOf))].sort());
      for (const answer of set.added) {
        const twin = recorded.responses.find((r) => keyOf(r) === recordedKeyOf(answer));
        if (answer.paged) {
          expect(twin?.paged, keyOf(answer)).toBe(true);
          expect(splitContainer(twin?.body ?? '').children, keyOf(answer)).toEqual(
            splitContainer(answer.body).children,
          );
        } else expect(twin?.body, keyOf(answer)).toBe(answer.body);
      }
      const answers = recorded.sections.reduce((n, s) => n + s.answers, 0);
      expect(answers).toBe(set.added.length);
      expect(recorded.sections.every((s) => s.missing === 0)).toBe(true);
      // Children are paged like listings (pageSize 2): a season of 3 episodes took two requests.
      expect(server.log.some((e) => e.path.endsWith('/children') && e.containerStart === '2')).toBe(
        name === 'linux-docker',
      );
    },
  );

  /** A recording of linux-docker with item answers, written to disk and served again. */
  async function servedRecording(ctx: Parameters<typeof replayServer>[0]) {
    const set = source('linux-docker');
    const recorded = await recordFixtureSet({ url: (await serve(ctx, set)).url, token: TOKEN, name: 'again' });
    const dir = mkdtempSync(join(tmpdir(), 'plexmatch-record-items-'));
    writeFixtureSet(recorded, dir, recorded.source);
    const replay = await serve(ctx, loadFixtureSet(dir));
    const get = async (path: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${replay.url}${path}`, { headers: { 'X-Plex-Token': TOKEN, ...headers } });
      return { status: response.status, body: await response.text() };
    };
    return { set, get };
  }

  it('record, then serve the recording: the children of shows and seasons are answered, paged', async (ctx) => {
    const { get } = await servedRecording(ctx);
    const season = await get('/library/metadata/201/children', {
      'X-Plex-Container-Start': '1',
      'X-Plex-Container-Size': '1',
    });
    expect(season.status).toBe(200);
    expect(splitContainer(season.body).children.map((c) => startTagAttribute(c, 'ratingKey'))).toEqual(['212']);
    const show = await get('/library/metadata/200/children');
    expect(splitContainer(show.body).children.map((c) => startTagAttribute(c, 'type'))).toContain('season');
  });

  it('record, then serve the recording: an item is answered with its Guids as the source answered it', async (ctx) => {
    const { set, get } = await servedRecording(ctx);
    const movie = set.added.find((r) => r.request.path === '/library/metadata/101');
    expect(movie?.body).toContain('<Guid id="imdb://tt0000101" />');
    expect(await get('/library/metadata/101?includeGuids=1')).toEqual({ status: 200, body: movie?.body });
  });

  it('an item deleted while recording (its answer is 404) is counted and left out; the rest is recorded', async (ctx) => {
    const gone = '/library/metadata/212';
    // A 404 for that one path, whatever the set or the stand-in's model could answer.
    const spec = parseFaultSpec(`status:status=404:path=${gone}`);
    if (spec.kind !== 'request') throw new Error('a request fault');
    const server = await replayServer(ctx, {
      respond: fixtureResponder(source('linux-docker')),
      token: TOKEN,
      faults: [spec.rule],
    });
    const recorded = await recordFixtureSet({ url: server.url, token: TOKEN, name: 'gone' });
    expect(recorded.sections.find((s) => s.title === 'TV Shows')?.missing).toBe(1);
    expect(recorded.sections.filter((s) => s.title !== 'TV Shows').every((s) => s.missing === 0)).toBe(true);
    expect(recorded.responses.some((r) => r.request.path === gone)).toBe(false);
    expect(recorded.responses.some((r) => r.request.path === '/library/metadata/211')).toBe(true);
  });

  it('--items listing: the listings only, and no single-item request is made', async (ctx) => {
    const set = source('linux-docker');
    const server = await serve(ctx, set);
    const recorded = await recordFixtureSet({ url: server.url, token: TOKEN, name: 'listing', items: 'listing' });
    expect(recorded.responses.map(keyOf).sort()).toEqual(
      loadFixtureSet(resolveFixtureSet('linux-docker')).responses.map(keyOf).sort(),
    );
    expect(server.log.filter((e) => e.path.startsWith('/library/metadata'))).toEqual([]);
    expect(recorded.sections.every((s) => s.answers === 0)).toBe(true);
  });

  it('--anonymize: Guid ids are pseudonyms, and an item reads the same in its listing and in its own answer', async (ctx) => {
    const set = source('linux-docker');
    const recorded = await recordFixtureSet({
      url: (await serve(ctx, set)).url,
      token: TOKEN,
      name: 'anon',
      anonymizer: Anonymizer.withNewKey(),
    });
    const text = recorded.responses.map((r) => r.body).join('\n');
    for (const id of ['tt0000101', 'tt0000211', `tmdb://${101 * 7 + 13}`, 'Pioneer One', 'Earthfall'])
      expect(text, id).not.toContain(id);
    expect(text).toMatch(/<Guid id="imdb:\/\/tt\d{7}" \/>/);
    const listed = new Map<string, string>();
    for (const r of recorded.responses.filter((r) => r.request.path.endsWith('/all') && r.paged))
      for (const child of splitContainer(r.body).children)
        listed.set(startTagAttribute(child, 'ratingKey') ?? '', child);
    const own = recorded.responses.filter((r) => /^\/library\/metadata\/\d+$/.test(r.request.path));
    expect(own.length).toBeGreaterThan(10);
    for (const answer of own) {
      const element = splitContainer(answer.body).children[0] ?? '';
      const key = startTagAttribute(element, 'ratingKey') ?? '';
      expect(answer.request.path).toBe(`/library/metadata/${key}`);
      const twin = listed.get(key);
      if (twin === undefined) continue; // a season: in its show's children only
      for (const attribute of ['title', 'guid', 'key', 'addedAt', 'grandparentTitle'])
        expect(startTagAttribute(element, attribute), `${key} ${attribute}`).toBe(startTagAttribute(twin, attribute));
      const files = (xml: string) => [...xml.matchAll(/ file="([^"]*)"/g)].map((m) => m[1]);
      expect(files(element), key).toEqual(files(twin));
    }
  });
});
