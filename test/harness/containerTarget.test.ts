import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { describedLibrary, mountPointOf, startContainerTarget } from '../../src/harness/container/containerTarget.js';
import { seedMedia } from '../../src/harness/container/seedMedia.js';
import { tinyMatroska } from '../../src/harness/container/tinyMatroska.js';
import { loadScenarios } from '../../src/harness/scenarios/loadScenarios.js';
import { runScenarios } from '../../src/harness/scenarios/runScenarios.js';
import { plexStandIn } from '../support/plexStandIn.js';
import { replayServer } from '../support/servers.js';

const ROOT = join(import.meta.dirname, '..', '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The top-level EBML elements of a Matroska file ([id hex, size]) and where parsing ended. */
function topLevel(bytes: Buffer): { elements: [string, number][]; end: number } {
  const out: [string, number][] = [];
  let at = 0;
  while (at < bytes.length) {
    const idLength = Math.clz32(bytes[at] as number) - 23;
    const id = bytes.subarray(at, at + idLength).toString('hex');
    const first = bytes[at + idLength] as number;
    const sizeLength = Math.clz32(first) - 23;
    let size = first & (0xff >> sizeLength);
    for (let i = 1; i < sizeLength; i += 1) size = size * 256 + (bytes[at + idLength + i] as number);
    out.push([id, size]);
    at += idLength + sizeLength + size;
  }
  return { elements: out, end: at };
}

describe('seeding a container', () => {
  it('writes each Part file of linux-docker once, byte for byte (NFD stays NFD), and every location', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plexmatch-seed-'));
    const library = describedLibrary('linux-docker');
    expect(mountPointOf(library)).toBe('/data');
    const seeded = seedMedia(library, dir, '/data');
    const expected = new Set(
      library.sections.flatMap((s) => s.items.flatMap((i) => i.media.flatMap((m) => m.parts.map((p) => p.file)))),
    );
    const written = filesUnder(dir).map((file) => `/data${file.slice(dir.length)}`);
    expect(new Set(written)).toEqual(expected);
    expect(seeded.files).toBe(expected.size);
    expect(written.some((file) => file.includes('Poke\u0301mon'))).toBe(true);
    expect(statSync(join(dir, 'Home Videos')).isDirectory()).toBe(true);
    expect(seeded.sections.map((s) => s.title)).toEqual(['Movies', 'TV Shows', 'Home Videos']);
  });

  it('each file is a valid tiny video: a Matroska header and segment, one decodable 16×16 JPEG frame', () => {
    const bytes = tinyMatroska();
    // An EBML header, then one Segment whose declared size ends exactly at the end of the file.
    const { elements, end } = topLevel(bytes);
    expect(elements.map(([id]) => id)).toEqual(['1a45dfa3', '18538067']);
    expect(end).toBe(bytes.length);
    expect(bytes.includes(Buffer.from('matroska'))).toBe(true);
    expect(bytes.includes(Buffer.from('V_MJPEG'))).toBe(true);
    const start = bytes.indexOf(Buffer.from([0xff, 0xd8]));
    const image = jpeg.decode(bytes.subarray(start, bytes.lastIndexOf(Buffer.from([0xff, 0xd9])) + 2));
    expect([image.width, image.height, image.data[0]]).toEqual([16, 16, 128]);
  });
});

describe('--target container, with the replay server standing in for the seeded Plex', () => {
  it('sets up the sections, waits for the scan, maps ratingKeys to their twins, and the linux-docker scenarios pass', async (ctx) => {
    const server = await replayServer(ctx, { respond: plexStandIn(1000) });
    const status: string[] = [];
    const started = await startContainerTarget({
      url: server.url,
      scan: { pollMs: 10 },
      onStatus: (l) => status.push(l),
    });
    ctx.onTestFinished(() => started.stop());
    expect(started.target.ratingKeys.get('101')).toBe('1101');
    expect(started.target.ratingKeys.get('214')).toBe('1214');
    expect(started.target.ratingKeys.size).toBe(36);
    expect(status).toContain('scan finished (4 polls)');

    const scenarios = loadScenarios([join(ROOT, 'scenarios', 'client')]);
    const summary = await runScenarios(scenarios, { target: started.target });
    const forFixture = scenarios.filter(
      (s) => s.kind === 'scenario' && 'fixture' in s.target && s.target.fixture === 'linux-docker',
    );
    const withFaults = forFixture.filter((s) => s.kind === 'scenario' && (s.definition.faults ?? []).length > 0);
    const tokened = forFixture.filter((s) => s.kind === 'scenario' && s.definition.token === true);
    expect(summary.results.filter((r) => r.status === 'failed').map((r) => `${r.name}: ${r.differences}`)).toEqual([]);
    expect(summary.passed).toBe(forFixture.length - withFaults.length - tokened.length);
    // Server-side counts cannot be seen on a real server: reported as notes, not hidden, not failed.
    expect(summary.results.find((r) => r.name === 'list-movies')?.notes).toEqual([
      'serverRequests /library/sections/1/all: not observable on this target',
    ]);
    // Nothing but the set-up wrote to the server.
    expect(server.log.filter((e) => e.method !== 'GET').map((e) => e.path)).toEqual([
      '/library/sections',
      '/library/sections',
      '/library/sections',
    ]);
  });

  it('a difference from the fixture is reported, not hidden: an item the server lacks fails with its key', async (ctx) => {
    const respond = plexStandIn(1000);
    const server = await replayServer(ctx, { respond });
    const started = await startContainerTarget({ url: server.url, scan: { pollMs: 10 } });
    ctx.onTestFinished(() => started.stop());
    const path = join(mkdtempSync(join(tmpdir(), 'plexmatch-diff-')), 'diff.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      path,
      'target: { fixture: linux-docker }\nscenarios:\n  - name: twin\n    why: ratingKey 101 is 1101 on this server, and the scenario still passes\n    steps:\n      - match: { library: Movies, path: /data/Movies/Sintel (2010)/Sintel (2010).mkv }\n        expect: { ratingKey: "101" }\n  - name: no-twin\n    why: an item the server does not have keeps its key, so the difference shows\n    steps:\n      - match: { library: Movies, path: /data/Movies/Sintel (2010)/Sintel (2010).mkv }\n        expect: { ratingKey: "999" }\n',
    );
    const summary = await runScenarios(loadScenarios([path]), { target: started.target });
    expect(summary.results.map((r) => r.status)).toEqual(['passed', 'failed']);
    expect(summary.results[1]?.differences).toEqual([
      'step 1 (match "/data/Movies/Sintel (2010)/Sintel (2010).mkv"): ratingKey expected "999", got "1101"',
    ]);
    expect(readFileSync(path, 'utf8')).toContain('no-twin');
  });
});
