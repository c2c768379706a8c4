import { connect } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { loadFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import { syntheticSet } from '../../src/harness/fixtures/syntheticSet.js';
import { asksGzip, asksJson } from '../../src/harness/server/negotiate.js';
import { ATTRIBUTE_TYPES } from '../../src/harness/server/plexJsonTypes.js';
import { replayServer } from '../support/servers.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const SHIPPED = ['linux-docker', 'windows', 'macos'];
const JSON_ACCEPT = { accept: 'application/json' };
/** What axios sends by default (plex-api, Overseerr). */
const AXIOS_ACCEPT = { accept: 'application/json, text/plain, */*' };

type Json = Record<string, unknown>;

// The oracle: fast-xml-parser (not the project's scanner) reads the XML answer, and this reader
// builds the JSON the docs (docs/fixtures.md, "JSON answers") say Plex sends for it.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  htmlEntities: true,
});
/** The docs' exceptions to ATTRIBUTE_TYPES, by element. */
const STRINGS = new Set(['Guid.id', 'Sort.default', 'MediaContainer.content']);
const INTEGERS = new Set(['Media.optimizedForStreaming', 'Media.proxyType']);

function typed(tag: string, name: string, value: string): unknown {
  const type = STRINGS.has(`${tag}.${name}`)
    ? 'string'
    : INTEGERS.has(`${tag}.${name}`)
      ? 'integer'
      : tag === 'MediaContainer' && name === 'nocache'
        ? 'boolean'
        : ATTRIBUTE_TYPES.get(name);
  if ((type === 'integer' || type === 'number') && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  if (type === 'boolean' && (value === '1' || value === '0')) return value === '1';
  return value;
}

function oracleElement(tag: string, node: Json): Json {
  const out: Json = {};
  for (const [name, value] of Object.entries((node[':@'] as Record<string, string> | undefined) ?? {}))
    out[name] = typed(tag, name, value);
  for (const child of node[tag] as Json[]) {
    const childTag = Object.keys(child).find((k) => k !== ':@' && k !== '#text');
    if (childTag === undefined) continue;
    const attributes = (child[':@'] as Record<string, string> | undefined) ?? {};
    const item =
      ['Video', 'Track', 'Photo'].includes(childTag) || (childTag === 'Directory' && 'ratingKey' in attributes);
    const key = item ? 'Metadata' : childTag;
    const value = oracleElement(childTag, child);
    if (key === 'Meta') out.Meta = value;
    else out[key] = [...((out[key] as Json[] | undefined) ?? []), value];
  }
  return out;
}

function oracle(xml: string): Json {
  const root = (parser.parse(xml) as Json[]).find((n) => 'MediaContainer' in n) as Json;
  return { MediaContainer: oracleElement('MediaContainer', root) };
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await request(url, { headers });
  const body = Buffer.from(await response.body.arrayBuffer());
  return { status: response.statusCode, headers: response.headers, body };
}

/** Every request a set answers, and a page of each paged listing. */
function requestsOf(dir: string): string[] {
  return loadFixtureSet(dir).responses.flatMap((r) => {
    const query = new URLSearchParams(r.request.query).toString();
    const path = `${r.request.path}${query === '' ? '' : `?${query}`}`;
    const join = query === '' ? '?' : '&';
    return r.paged === true ? [path, `${path}${join}X-Plex-Container-Start=1&X-Plex-Container-Size=2`] : [path];
  });
}

const parts = (container: Json): string[] =>
  ((container.Metadata as Json[] | undefined) ?? []).flatMap((item) =>
    ((item.Media as Json[] | undefined) ?? []).flatMap((m) =>
      ((m.Part as Json[] | undefined) ?? []).map((p) => p.file as string),
    ),
  );

describe("JSON answers: Plex's JSON when Accept asks for it", () => {
  it.for(SHIPPED)(
    '%s: every answer in JSON is its XML answer read by another reader, typed as documented',
    async (set, ctx) => {
      const dir = join(FIXTURES, set);
      const server = await replayServer(ctx, { respond: fixtureResponder(loadFixtureSet(dir)) });
      const paths = requestsOf(dir);
      expect(paths.length).toBeGreaterThan(5);
      for (const path of paths) {
        const xml = await get(`${server.url}${path}`);
        const json = await get(`${server.url}${path}`, AXIOS_ACCEPT);
        expect(xml.headers['content-type'], path).toMatch(/^text\/xml/);
        expect(json.status, path).toBe(xml.status);
        expect(json.headers['content-type'], path).toBe('application/json');
        expect(json.headers.vary, path).toBe('Accept, Accept-Encoding');
        const read = JSON.parse(json.body.toString('utf8')) as Json;
        const expected = oracle(xml.body.toString('utf8'));
        expect(read, path).toEqual(expected);
        // The data a client reads, byte for byte: every Part file, and the counts (counted in the raw XML).
        const container = read.MediaContainer as Json;
        const files = parts(container).map((f) => Buffer.from(f, 'utf8'));
        expect(files, path).toEqual(parts(expected.MediaContainer as Json).map((f) => Buffer.from(f, 'utf8')));
        const text = xml.body.toString('utf8');
        expect(files.length, path).toBe((text.match(/<Part /g) ?? []).length);
        expect(((container.Metadata as Json[] | undefined) ?? []).length, path).toBe(
          (text.match(/^<(?:Video|Directory [^>]*ratingKey=)/gm) ?? []).length,
        );
      }
    },
  );

  it('types attributes as Plex does: keys and ratingKeys strings, counts and ids numbers, flags booleans', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: fixtureResponder(loadFixtureSet(join(FIXTURES, 'linux-docker'))),
    });
    const sections = JSON.parse((await get(`${server.url}/library/sections`, JSON_ACCEPT)).body.toString()) as Json;
    const container = sections.MediaContainer as Json;
    // Library sections stay Directory; their Location is an array of objects with a numeric id.
    const directory = (container.Directory as Json[])[0] as Json;
    expect(directory).toMatchObject({ key: '1', allowSync: true, refreshing: false, title: 'Movies' });
    expect(directory.Location).toEqual([{ id: 1, path: '/data/Movies' }]);
    expect(container.Metadata).toBeUndefined();
    // A show listing's Directory elements are Metadata.
    const shows = JSON.parse((await get(`${server.url}/library/sections/2/all?type=2`, JSON_ACCEPT)).body.toString());
    expect(shows.MediaContainer.Directory).toBeUndefined();
    expect(shows.MediaContainer.Metadata[0]).toMatchObject({ type: 'show', ratingKey: expect.any(String) });
    const movies = JSON.parse((await get(`${server.url}/library/sections/1/all?type=1`, JSON_ACCEPT)).body.toString());
    expect(movies.MediaContainer).toMatchObject({ size: 23, totalSize: 23, offset: 0, librarySectionID: 1 });
    const movie = movies.MediaContainer.Metadata[0];
    expect(movie).toMatchObject({ ratingKey: '101', key: '/library/metadata/101', year: 2010, rating: 8.1 });
    expect(movie.Media[0]).toMatchObject({ id: 1011, aspectRatio: 2.35, videoResolution: '1080' });
    expect(movie.Media[0].Part[0]).toMatchObject({ id: 10111, size: expect.any(Number) });
  });

  it('a paged listing in JSON: the window asked for, with size, totalSize and offset', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: fixtureResponder(loadFixtureSet(join(FIXTURES, 'linux-docker'))),
    });
    const page = await get(`${server.url}/library/sections/2/all?type=4`, {
      ...JSON_ACCEPT,
      'X-Plex-Container-Start': '10',
      'X-Plex-Container-Size': '2',
    });
    const container = JSON.parse(page.body.toString()).MediaContainer;
    expect(container).toMatchObject({ size: 2, offset: 10 });
    expect(container.totalSize).toBeGreaterThan(12);
    expect(container.Metadata.map((m: Json) => m.type)).toEqual(['episode', 'episode']);
  });

  it('a streamed unpaged listing of 3,000 items: chunked JSON equal to its XML, gzip-streamed when asked', async (ctx) => {
    const server = await replayServer(ctx, { respond: fixtureResponder(syntheticSet({ count: 3000, seed: 7 })) });
    const url = `${server.url}/library/sections/1/all`;
    const xml = await get(url);
    const json = await get(url, JSON_ACCEPT);
    expect(json.headers['transfer-encoding']).toBe('chunked');
    expect(json.headers['content-length']).toBeUndefined();
    const read = JSON.parse(json.body.toString('utf8'));
    expect(read.MediaContainer.Metadata).toHaveLength(3000);
    expect(read.MediaContainer).toMatchObject({ size: 3000, totalSize: 3000 });
    expect(read).toEqual(oracle(xml.body.toString('utf8')));
    // undici's request does not decode: the bytes here are the bytes on the wire.
    const zipped = await get(url, { ...JSON_ACCEPT, 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(json.body.length / 4);
    expect(gunzipSync(zipped.body).equals(json.body)).toBe(true);
  });

  it('gzip round trip on a whole answer, XML and JSON, and none when not asked', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: fixtureResponder(loadFixtureSet(join(FIXTURES, 'windows'))),
    });
    for (const accept of [{}, JSON_ACCEPT]) {
      const plain = await get(`${server.url}/library/sections`, accept);
      expect(plain.headers['content-encoding']).toBeUndefined();
      const zipped = await get(`${server.url}/library/sections`, { ...accept, 'accept-encoding': 'gzip, deflate, br' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
      expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    }
  });

  it('the token check is the same in both formats: 401, the same page, without the token', async (ctx) => {
    const token = 'json-test-token-123456';
    const server = await replayServer(ctx, {
      respond: fixtureResponder(loadFixtureSet(join(FIXTURES, 'macos'))),
      token,
    });
    const xml = await get(`${server.url}/library/sections`);
    const json = await get(`${server.url}/library/sections`, JSON_ACCEPT);
    expect([xml.status, json.status]).toEqual([401, 401]);
    expect(json.body.equals(xml.body)).toBe(true);
    expect(json.headers['content-type']).toBe('text/html');
    const allowed = await get(`${server.url}/library/sections`, { ...JSON_ACCEPT, 'x-plex-token': token });
    expect(allowed.status).toBe(200);
    expect(JSON.parse(allowed.body.toString()).MediaContainer.Directory).toHaveLength(1);
  });

  it('a page fault acts on what the listing says, before conversion; a byte fault cuts the JSON (and gzip) bytes sent', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: fixtureResponder(loadFixtureSet(join(FIXTURES, 'linux-docker'))),
      faults: [
        { path: '/library/sections/1/all', fault: { kind: 'total-size', value: 99 } },
        { path: '/library/sections', fault: { kind: 'truncate', afterBytes: 40 } },
      ],
    });
    const listing = await get(`${server.url}/library/sections/1/all?type=1&X-Plex-Container-Size=3`, JSON_ACCEPT);
    expect(JSON.parse(listing.body.toString()).MediaContainer).toMatchObject({ totalSize: 99, size: 3 });
    server.setFaults([]);
    const whole = (await get(`${server.url}/library/sections`, JSON_ACCEPT)).body;
    const zippedWhole = (await get(`${server.url}/library/sections`, { ...JSON_ACCEPT, 'accept-encoding': 'gzip' }))
      .body;
    server.setFaults([{ path: '/library/sections', fault: { kind: 'truncate', afterBytes: 40 } }]);
    for (const [encoding, expected] of [
      ['identity', whole],
      ['gzip', zippedWhole],
    ] as const) {
      const raw = await rawExchange(server.port, `Accept: application/json\r\nAccept-Encoding: ${encoding}\r\n`);
      const [head = '', ...rest] = raw.toString('latin1').split('\r\n\r\n');
      expect(head).toMatch(/content-type: application\/json/i);
      expect(head).toContain(`content-length: ${expected.length}`);
      const body = Buffer.from(rest.join('\r\n\r\n'), 'latin1');
      expect(body.equals(expected.subarray(0, 40))).toBe(true);
    }
  });
});

/** One request on a raw socket, and every byte the server sends until it closes. */
function rawExchange(port: number, headers: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(`GET /library/sections HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Connection: close\r\n\r\n`),
    );
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
  });
}

describe('which requests ask for JSON and for gzip', () => {
  it.each([
    ['application/json', true],
    ['application/json, text/plain, */*', true],
    ['application/json, application/xml', true],
    ['text/xml, application/json', true],
    ['Application/JSON; charset=utf-8', true],
    ['text/xml;q=1, application/json;q=0.5', false],
    ['application/json;q=0', false],
    ['*/*', false],
    ['application/*', false],
    ['text/xml', false],
    [undefined, false],
  ])('Accept %j: JSON %s', (accept, json) => {
    expect(asksJson(accept === undefined ? {} : { accept })).toBe(json);
  });

  it.each([
    ['gzip', true],
    ['gzip, deflate, br', true],
    ['br;q=1, gzip;q=0.5', true],
    ['*', true],
    ['gzip;q=0', false],
    ['identity', false],
    ['deflate', false],
    [undefined, false],
  ])('Accept-Encoding %j: gzip %s', (encoding, gzip) => {
    expect(asksGzip(encoding === undefined ? {} : { 'accept-encoding': encoding })).toBe(gzip);
  });
});
