import { mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FixtureError, loadFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import type { FixtureSet } from '../../src/harness/fixtures/fixtureSet.js';
import { generatedSets } from '../../src/harness/fixtures/generatedSets.js';
import type { PlexItem } from '../../src/index.js';
import { plexClient, replayServer } from '../support/servers.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const SHIPPED = ['linux-docker', 'windows', 'macos'];
const files = (items: readonly PlexItem[]) => items.flatMap((i) => i.media.flatMap((m) => m.parts.map((p) => p.file)));

async function itemsOf(ctx: Parameters<typeof replayServer>[0], set: string, library: string, pageSize = 500) {
  const server = await replayServer(ctx, { respond: fixtureResponder(loadFixtureSet(join(FIXTURES, set))) });
  const items = await (await plexClient(ctx, server.url, undefined, { pageSize }).getLibrary(library)).all();
  return { server, items };
}

describe('shipped fixture sets', () => {
  it.each(SHIPPED)('%s is exactly what its library.yaml renders to (run npm run fixtures after editing it)', (name) => {
    const dir = join(FIXTURES, name);
    const loaded = loadFixtureSet(dir);
    const { set, source } = generatedSets(dir);
    expect(loaded.source).toBe(source);
    expect(loaded.responses.map((r) => [r.request, r.status, r.body])).toEqual(
      set.responses.map((r) => [r.request, r.status, r.body]),
    );
  });

  it('linux-docker: movies and episodes, episodes over several pages, an empty section', async (ctx) => {
    const { items: episodes, server } = await itemsOf(ctx, 'linux-docker', 'TV Shows', 5);
    expect(episodes.length).toBeGreaterThan(10);
    expect(new Set(episodes.map((e) => e.type))).toEqual(new Set(['episode']));
    expect(server.log.filter((e) => e.path === '/library/sections/2/all').length).toBeGreaterThanOrEqual(3);
    // A multi-episode file: two episode items with one Part file.
    const byFile = new Map<string, string[]>();
    for (const e of episodes) for (const f of files([e])) byFile.set(f, [...(byFile.get(f) ?? []), e.ratingKey]);
    expect([...byFile.values()].some((keys) => keys.length === 2)).toBe(true);
    const { items: empty } = await itemsOf(ctx, 'linux-docker', 'Home Videos');
    expect(empty).toEqual([]);
  });

  it('linux-docker: awkward names, multi-part, multi-version, optimized, the same name in several folders', async (ctx) => {
    const { items } = await itemsOf(ctx, 'linux-docker', 'Movies');
    const all = files(items);
    for (const needle of ['&', '"', "'", 'é', '東京', '#', '%', '{', '['])
      expect(
        all.some((f) => f.includes(needle)),
        needle,
      ).toBe(true);
    expect(items.some((i) => i.media.some((m) => m.parts.length > 1))).toBe(true);
    expect(items.some((i) => i.media.length > 1)).toBe(true);
    expect(items.some((i) => i.media.some((m) => m.proxyType === '42'))).toBe(true);
    const names = all.map((f) => f.split('/').pop());
    expect(names.filter((n) => n === 'movie.mkv').length).toBeGreaterThanOrEqual(3);
    expect(names.filter((n) => n === 'video.mp4').length).toBeGreaterThanOrEqual(2);
  });

  it('windows: drive letters, backslashes, and a UNC location', async (ctx) => {
    const { items, server } = await itemsOf(ctx, 'windows', 'Films');
    const all = files(items);
    expect(all.some((f) => /^D:\\Media\\/.test(f))).toBe(true);
    expect(all.some((f) => f.startsWith('\\\\NAS\\media\\'))).toBe(true);
    expect(all.every((f) => !f.includes('/'))).toBe(true);
    const library = await plexClient(ctx, server.url).getLibrary('Films');
    expect(library.locations.map((l) => l.path)).toEqual(['D:\\Media\\Movies', '\\\\NAS\\media\\Movies']);
  });

  it('macos: NFD-decomposed file names', async (ctx) => {
    const { items } = await itemsOf(ctx, 'macos', 'Movies');
    const decomposed = files(items).filter((f) => f !== f.normalize('NFC'));
    expect(decomposed.length).toBeGreaterThanOrEqual(3);
    expect(decomposed.some((f) => f.includes('e\u0301'))).toBe(true);
  });
});

describe.concurrent('the replay server answers like Plex', () => {
  const set = () => loadFixtureSet(join(FIXTURES, 'linux-docker'));

  it('pages by headers and by query parameters alike', async (ctx) => {
    const server = await replayServer(ctx, { respond: fixtureResponder(set()) });
    const byHeader = await fetch(`${server.url}/library/sections/1/all?type=1`, {
      headers: { 'X-Plex-Container-Start': '3', 'X-Plex-Container-Size': '4' },
    }).then((r) => r.text());
    const byQuery = await fetch(
      `${server.url}/library/sections/1/all?type=1&X-Plex-Container-Start=3&X-Plex-Container-Size=4`,
    ).then((r) => r.text());
    expect(byQuery).toBe(byHeader);
    expect(byHeader).toMatch(/<MediaContainer size="4" totalSize="23" offset="3"/);
    expect(server.log.map((e) => [e.containerStart, e.containerSize])).toEqual([
      ['3', '4'],
      ['3', '4'],
    ]);
  });

  it('checks the token in the header or the query, and logs every request with a time, never the token', async (ctx) => {
    const token = 'fixture-token-0123456789';
    const server = await replayServer(ctx, { respond: fixtureResponder(set()), token });
    expect((await fetch(`${server.url}/`)).status).toBe(401);
    expect((await fetch(`${server.url}/`, { headers: { 'X-Plex-Token': 'wrong' } })).status).toBe(401);
    expect((await fetch(`${server.url}/`, { headers: { 'X-Plex-Token': token } })).status).toBe(200);
    expect((await fetch(`${server.url}/?X-Plex-Token=${token}`)).status).toBe(200);
    expect(server.log.map((e) => e.status)).toEqual([401, 401, 200, 200]);
    expect(server.log.every((e) => /^\d{4}-\d\d-\d\dT/.test(e.time) && e.at > 0)).toBe(true);
    expect(JSON.stringify(server.log)).not.toContain(token);
  });

  it('answers 404 for a path it does not know', async (ctx) => {
    const server = await replayServer(ctx, { respond: fixtureResponder(set()) });
    expect((await fetch(`${server.url}/library/sections/99/all`)).status).toBe(404);
    expect((await fetch(`${server.url}/library/sections/1/all?type=99`)).status).toBe(404);
  });

  it('answers 400 to a request target that is no URL, and goes on serving', async (ctx) => {
    const server = await replayServer(ctx, { respond: fixtureResponder(set()) });
    const statusLine = (target: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1', () =>
          socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`),
        );
        socket.setEncoding('utf8').once('data', (text: string) => {
          resolve(text.split('\r\n')[0] as string);
          socket.destroy();
        });
        socket.once('close', () => resolve('closed without an answer'));
        socket.once('error', reject);
      });
    for (const target of ['http://[', '//[', '//a:99999/x']) {
      expect(await statusLine(target), target).toBe('HTTP/1.1 400 Bad Request');
    }
    expect((await fetch(`${server.url}/identity`)).status).toBe(200);
    expect(server.log.map((e) => [e.url, e.status])).toEqual([
      ['http://[', 400],
      ['//[', 400],
      ['//a:99999/x', 400],
      ['/identity', 200],
    ]);
  });

  it('sends a listing asked for without a size as a stream, however long: more than one string can hold', async (ctx) => {
    // 600 items of 1 MB: 600 MB of text, past V8's longest string (about 512 MB), as an unpaged
    // listing of `serve --synthetic 600000` is. The items are made as the socket takes them.
    const element = `<Video ratingKey="1" title="${'x'.repeat(1_000_000 - 33)}"/>`;
    const count = 600;
    const listing: FixtureSet = {
      name: 'long',
      description: 'a long listing',
      responses: [
        {
          request: { method: 'GET', path: '/library/sections/1/all', query: {} },
          status: 200,
          headers: { 'content-type': 'text/xml;charset=utf-8' },
          body: '<MediaContainer></MediaContainer>',
          paged: true,
          items: { count, element: () => element, attribute: () => undefined },
        },
      ],
    };
    const server = await replayServer(ctx, { respond: fixtureResponder(listing) });
    const answer = await new Promise<{ headers: IncomingHttpHeaders; bytes: number; tail: string }>(
      (resolve, reject) => {
        get(`${server.url}/library/sections/1/all`, (res) => {
          let bytes = 0;
          let tail = '';
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            tail = (tail + chunk.subarray(-64).toString('latin1')).slice(-64);
          });
          res.on('end', () => resolve({ headers: res.headers, bytes, tail }));
          res.on('error', reject);
        }).on('error', reject);
      },
    );
    expect(answer.headers['content-length']).toBeUndefined();
    expect(answer.headers['transfer-encoding']).toBe('chunked');
    const head = `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="${count}" totalSize="${count}" offset="0">\n`;
    expect(answer.bytes).toBe(head.length + count * (element.length + 1) + '</MediaContainer>\n'.length);
    expect(answer.tail.endsWith(`"/>\n</MediaContainer>\n`)).toBe(true);
    // A page is still one answer with its Content-Length. (fetch asks for gzip by default, and gets it:
    // its Content-Length is then of the compressed bytes, which fetch does not show; so ask for none.)
    const page = await fetch(`${server.url}/library/sections/1/all?X-Plex-Container-Start=0&X-Plex-Container-Size=1`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(page.headers.get('content-length')).toBe(String((await page.arrayBuffer()).byteLength));
  });

  it('emulates the addedAt/updatedAt/title listing filters on recorded listings', async (ctx) => {
    const server = await replayServer(ctx, { respond: fixtureResponder(set()) });
    const since = await fetch(`${server.url}/library/sections/1/all?type=1&addedAt%3E%3E=1700064000`).then((r) =>
      r.text(),
    );
    expect(since).toMatch(/totalSize="6"/); // items 18–23 of the section were added after that hour
    const title = await fetch(`${server.url}/library/sections/1/all?type=1&title=blade`).then((r) => r.text());
    expect(title).toMatch(/totalSize="2"/);
  });
});

describe('fixture files that cannot be used', () => {
  it('names the file and the field at fault', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plexmatch-fixture-'));
    writeFileSync(
      join(dir, 'fixture.yaml'),
      'name: Bad Name\ndescription: x\nsource: hand\nresponses:\n  - request: { method: get, path: library }\n    status: 200\n    body: elsewhere/x.xml\n',
    );
    const error = (() => {
      try {
        loadFixtureSet(dir);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(FixtureError);
    expect(error?.message).toContain(join(dir, 'fixture.yaml'));
    expect(error?.message).toMatch(/name: kebab-case/);
    expect(error?.message).toMatch(/responses\[0\]\.request\.method: an upper-case HTTP method/);
    expect(error?.message).toMatch(/responses\[0\]\.request\.path: a path starting with \//);
    expect(error?.message).toMatch(/responses\[0\]\.body: a file under responses\//);
  });

  it('refuses a body that resolves outside the set: a link in responses/, a linked folder, ../', () => {
    const outside = mkdtempSync(join(tmpdir(), 'plexmatch-outside-'));
    writeFileSync(join(outside, 'secret.xml'), '<MediaContainer size="0" machineIdentifier="mine"/>');
    const manifest = (body: string) =>
      `name: shared\ndescription: x\nsource: x\nresponses:\n  - request: { method: GET, path: /identity }\n    status: 200\n    body: ${body}\n`;
    const linkedFile = mkdtempSync(join(tmpdir(), 'plexmatch-fixture-'));
    mkdirSync(join(linkedFile, 'responses'));
    symlinkSync(join(outside, 'secret.xml'), join(linkedFile, 'responses', 'identity.xml'));
    writeFileSync(join(linkedFile, 'fixture.yaml'), manifest('responses/identity.xml'));
    expect(() => loadFixtureSet(linkedFile)).toThrow(FixtureError);
    expect(() => loadFixtureSet(linkedFile)).toThrow(
      `responses/identity.xml leads outside the fixture set (to ${realpathSync(join(outside, 'secret.xml'))})`,
    );
    const linkedFolder = mkdtempSync(join(tmpdir(), 'plexmatch-fixture-'));
    symlinkSync(outside, join(linkedFolder, 'responses'));
    writeFileSync(join(linkedFolder, 'fixture.yaml'), manifest('responses/secret.xml'));
    expect(() => loadFixtureSet(linkedFolder)).toThrow(/leads outside the fixture set/);
    const dotDot = mkdtempSync(join(tmpdir(), 'plexmatch-fixture-'));
    writeFileSync(join(dotDot, 'fixture.yaml'), manifest(`responses/../../${basename(outside)}/secret.xml`));
    expect(() => loadFixtureSet(dotDot)).toThrow(FixtureError);
    // A link that stays inside the set is fine (sets may share a body between responses).
    const inside = mkdtempSync(join(tmpdir(), 'plexmatch-fixture-'));
    mkdirSync(join(inside, 'responses'));
    writeFileSync(
      join(inside, 'responses', 'real.xml'),
      '<MediaContainer size="0" machineIdentifier="a" version="1"/>',
    );
    symlinkSync(join(inside, 'responses', 'real.xml'), join(inside, 'responses', 'identity.xml'));
    writeFileSync(join(inside, 'fixture.yaml'), manifest('responses/identity.xml'));
    expect(loadFixtureSet(inside).responses[0]?.body).toContain('machineIdentifier="a"');
  });

  it('says so when the folder is not a fixture set or a body is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plexmatch-fixture-'));
    expect(() => loadFixtureSet(dir)).toThrow(/cannot read the fixture manifest \(no such file or folder \(ENOENT\)\)/);
    const manifest = readFileSync(join(FIXTURES, 'macos', 'fixture.yaml'), 'utf8');
    writeFileSync(join(dir, 'fixture.yaml'), manifest);
    expect(() => loadFixtureSet(dir)).toThrow(/responses\[0\]\.body: cannot read/);
  });
});
