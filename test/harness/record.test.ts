import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exactKeyOfFile } from '../../src/core/paths/exactKey.js';
import { fileNameOf } from '../../src/core/paths/fileName.js';
import { foldCase, nfc } from '../../src/core/paths/normalizeText.js';
import { loadFixtureSet, writeFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import { requestKey } from '../../src/harness/fixtures/fixtureSet.js';
import { withoutChildren } from '../../src/harness/fixtures/itemElement.js';
import { resolveFixtureSet, shippedFixtureNames } from '../../src/harness/fixtures/resolveFixtureSet.js';
import { splitContainer } from '../../src/harness/fixtures/splitContainer.js';
import { Anonymizer } from '../../src/harness/record/anonymizer.js';
import { recordFixtureSet } from '../../src/harness/record/recordFixtureSet.js';
import { grepTree } from '../support/grepTree.js';
import { replayServer } from '../support/servers.js';

const TOKEN = 'record-token-7f3a9c2e51';

async function source(ctx: Parameters<typeof replayServer>[0], name: string) {
  const set = loadFixtureSet(resolveFixtureSet(name));
  const server = await replayServer(ctx, { respond: fixtureResponder(set), token: TOKEN });
  return { set, server };
}

const keys = (set: {
  responses: readonly { request: { method: string; path: string; query: Record<string, string> } }[];
}) => set.responses.map((r) => requestKey(r.request.method, r.request.path, r.request.query)).sort();

describe('plexmatch record (recordFixtureSet)', () => {
  it.for(shippedFixtureNames())(
    '%s: records the same requests as the set it came from, every item byte for byte, pages joined',
    async (name, ctx) => {
      const { set, server } = await source(ctx, name);
      const recorded = await recordFixtureSet({ url: server.url, token: TOKEN, name, pageSize: 3, items: 'listing' });
      expect(keys(recorded)).toEqual(keys(set));
      for (const response of set.responses.filter((r) => r.paged)) {
        const key = requestKey('GET', response.request.path, response.request.query);
        const twin = recorded.responses.find((r) => requestKey('GET', r.request.path, r.request.query) === key);
        expect(twin?.paged, key).toBe(true);
        // Served as Plex answers a listing not asked with includeGuids=1: without the set's <Guid> children.
        const served = splitContainer(response.body).children.map((child) => withoutChildren(child, 'Guid'));
        expect(splitContainer(twin?.body ?? '').children, key).toEqual(served);
      }
      // Paged at 3: the server saw several pages of each listing, with the token in a header only.
      expect(server.log.filter((e) => e.path.endsWith('/all') && e.containerStart === '3').length).toBeGreaterThan(0);
      expect(server.log.every((e) => !e.url.includes(TOKEN))).toBe(true);
    },
  );

  it('writes no token anywhere, even when the server puts it in bodies and it came in the URL', async (ctx) => {
    const { set } = await source(ctx, 'linux-docker');
    // A body that carries the token, as Plex does in some thumb URLs.
    const leaky = {
      ...set,
      responses: set.responses.map((r) =>
        r.request.path === '/'
          ? { ...r, body: r.body.replace('<Directory', `<Directory thumb="/photo?X-Plex-Token=${TOKEN}" `) }
          : r,
      ),
    };
    const server = await replayServer(ctx, { respond: fixtureResponder(leaky), token: TOKEN });
    const out = mkdtempSync(join(tmpdir(), 'plexmatch-record-'));
    const recorded = await recordFixtureSet({ url: `${server.url}/?X-Plex-Token=${TOKEN}`, name: 'leaky' });
    writeFixtureSet(recorded, out, recorded.source);
    expect(grepTree(out, TOKEN)).toEqual([]);
    expect(readFileSync(join(out, 'responses', 'root.xml'), 'utf8')).toContain('X-Plex-Token=REDACTED');
  });

  it('a library that does not exist is PlexNotFound naming the ones that do; nothing is recorded', async (ctx) => {
    const { server } = await source(ctx, 'linux-docker');
    await expect(recordFixtureSet({ url: server.url, token: TOKEN, name: 'x', libraries: ['Music'] })).rejects.toThrow(
      /no library titled "Music".*"Movies", "TV Shows", "Home Videos"/,
    );
  });

  it('--anonymize: the recording replays and the listing files are all pseudonyms', async (ctx) => {
    const { set, server } = await source(ctx, 'linux-docker');
    const recorded = await recordFixtureSet({
      url: server.url,
      token: TOKEN,
      name: 'anon',
      anonymizer: Anonymizer.withNewKey(),
      items: 'listing',
    });
    expect(keys(recorded)).toEqual(keys(set));
    const text = recorded.responses.map((r) => r.body).join('\n');
    for (const secret of ['Sintel', 'Amélie', 'Pioneer', 'Tom &amp; Jerry', '東京物語', 'plexmatch-linux'])
      expect(text, secret).not.toContain(secret);
    expect(text).toContain('title="Movies"'); // library titles are kept
  });
});

describe('anonymization keeps what matching depends on', () => {
  // Every pair of Part files of a shipped set relates the same way before and after: same exact
  // key, same file name, same folded file name (docs/matching.md §3). Compared as partitions.
  const partition = (files: readonly string[], key: (file: string) => string) => {
    const groups = new Map<string, number[]>();
    files.forEach((file, i) => {
      groups.set(key(file), [...(groups.get(key(file)) ?? []), i]);
    });
    return [...groups.values()].map((g) => g.join(',')).sort();
  };
  const relations = {
    exact: (f: string) => exactKeyOfFile(f) ?? `?${f}`,
    filename: (f: string) => nfc(fileNameOf(f)),
    folded: (f: string) => foldCase(fileNameOf(f)),
    extension: (f: string) => /\.[^.\\/]*$/.exec(f)?.[0] ?? '',
    separators: (f: string) => f.replace(/[^/\\]/g, ''),
    nfd: (f: string) => String(f !== f.normalize('NFC')),
  };

  it.each(shippedFixtureNames())('%s', (name) => {
    const set = loadFixtureSet(resolveFixtureSet(name));
    const files = [
      ...new Set(set.responses.flatMap((r) => [...r.body.matchAll(/ file="([^"]*)"/g)].map((m) => m[1] as string))),
    ].map((f) =>
      f
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'"),
    );
    expect(files.length).toBeGreaterThanOrEqual(5);
    const anonymizer = Anonymizer.withNewKey();
    const renamed = files.map((f) => anonymizer.path(f));
    for (const [relation, key] of Object.entries(relations)) {
      expect(partition(renamed, key), relation).toEqual(partition(files, key));
      if (relation === 'extension' || relation === 'separators' || relation === 'nfd')
        expect(renamed.map(key), relation).toEqual(files.map(key));
    }
    expect(renamed.filter((f, i) => f === files[i] && /[A-Za-z]{3}/.test(f))).toEqual([]);
  });

  it('the same key gives the same pseudonyms (match and scenario new rely on it); another key does not', () => {
    const key = Anonymizer.withNewKey().key;
    const path = '/data/Movies/Amélie (2001)/Amélie (2001).mkv';
    expect(new Anonymizer(key).path(path)).toBe(new Anonymizer(key).path(path));
    expect(Anonymizer.withNewKey().path(path)).not.toBe(new Anonymizer(key).path(path));
  });

  it('refuses to merge two words that differ only beyond case folding', () => {
    const anonymizer = Anonymizer.withNewKey();
    anonymizer.path('/x/Die Straße.mkv');
    expect(() => anonymizer.path('/x/Die Strasse.mkv')).toThrow(/cannot keep "Straße" and "Strasse" apart/);
  });
});
