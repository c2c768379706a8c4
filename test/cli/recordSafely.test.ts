import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { FixtureError } from '../../src/harness/fixtures/fixtureFiles.js';
import { saveFixtureSet } from '../../src/harness/fixtures/saveFixtureSet.js';
import { serveFixtures } from '../../src/harness/serveFixtures.js';
import { runMain } from '../support/runMain.js';

/** Every file under `dir` with a hash of its bytes: what "unchanged" means. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

async function plex(ctx: TestContext, faults: string[] = []) {
  const served = await serveFixtures({ fixture: 'linux-docker', faults });
  ctx.onTestFinished(() => served.server.close());
  return served.server.url;
}

const workspace = () => mkdtempSync(join(tmpdir(), 'plexmatch-save-'));

if (!existsSync('/dev/full'))
  console.log('recordSafely.test.ts: the full-disk test is skipped: no /dev/full on this machine');

describe('the set and its anonymize key land together or not at all', () => {
  it.skipIf(!existsSync('/dev/full'))(
    'a full disk at the key leaves the earlier set and key byte for byte, and no temporary file',
    async (ctx) => {
      const url = await plex(ctx);
      const parent = workspace();
      const out = join(parent, 'set');
      const first = await runMain(['record', '--url', url, '--out', out, '--anonymize']);
      expect(first.code, first.stderr.join('\n')).toBe(0);
      const before = { ...snapshot(parent) };
      // The key's temporary file leads to /dev/full: writing it fails with ENOSPC, as on a full disk.
      symlinkSync('/dev/full', `${out}.anonymize-key.plexmatch-new`);
      const again = await runMain(['record', '--url', url, '--out', out, '--anonymize', '--force']);
      expect(again.code).toBe(3);
      expect(again.stderr).toEqual([
        `plexmatch: ${out}.anonymize-key: cannot write the anonymize key: no space left on the device (ENOSPC); nothing was changed`,
      ]);
      expect(snapshot(parent)).toEqual(before);
      expect(readdirSync(parent).sort()).toEqual(['set', 'set.anonymize-key']);
    },
  );
});

describe.concurrent('record never loses what was in --out', () => {
  it('refuses a folder that holds the user’s files, and leaves every one of them as it was', async (ctx) => {
    const parent = workspace();
    const out = join(parent, 'mine');
    mkdirSync(join(out, 'responses'), { recursive: true });
    writeFileSync(join(out, 'notes.txt'), 'my notes');
    writeFileSync(join(out, 'responses', 'keep-me.xml'), '<mine/>');
    const before = snapshot(out);
    const { code, stderr } = await runMain(['record', '--url', await plex(ctx), '--out', out, '--force']);
    expect(code).toBe(3);
    expect(stderr).toEqual([expect.stringMatching(/mine: is not empty and not a fixture set \(it holds notes\.txt\)/)]);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['mine']);
  });

  it('refuses a file given as --out', async (ctx) => {
    const parent = workspace();
    writeFileSync(join(parent, 'a-file'), 'x');
    const { code, stderr } = await runMain(['record', '--url', await plex(ctx), '--out', join(parent, 'a-file')]);
    expect(code).toBe(3);
    expect(stderr).toEqual([expect.stringMatching(/a-file: is a file, not a folder/)]);
  });

  it('replaces an earlier recording only with --force, and a failed re-record leaves it byte for byte', async (ctx) => {
    const parent = workspace();
    const out = join(parent, 'set');
    const url = await plex(ctx);
    expect((await runMain(['record', '--url', url, '--out', out])).code).toBe(0);
    const first = snapshot(out);

    const again = await runMain(['record', '--url', url, '--out', out]);
    expect(again.code).toBe(3);
    expect(again.stderr).toEqual([expect.stringMatching(/set: already holds a fixture set; .*--force replaces it/)]);

    // The server breaks in the middle of the listings: every answer to the second section fails.
    const broken = await plex(ctx, ['status:path=/library/sections/2/all:status=500']);
    const failed = await runMain(['record', '--url', broken, '--out', out, '--force']);
    expect(failed.code).toBe(4);
    expect(snapshot(out)).toEqual(first);
    expect(readdirSync(parent)).toEqual(['set']); // no temporary folder left

    const replaced = await runMain(['record', '--url', url, '--out', out, '--force', '--library', 'Movies']);
    expect(replaced.code).toBe(0);
    expect(snapshot(out)).not.toEqual(first);
    expect(readdirSync(parent)).toEqual(['set']);
  });

  it('a plain re-record removes the key an earlier --anonymize recording left beside the folder', async (ctx) => {
    const parent = workspace();
    const out = join(parent, 'set');
    const url = await plex(ctx);
    expect((await runMain(['record', '--url', url, '--out', out, '--anonymize'])).code).toBe(0);
    expect(existsSync(`${out}.anonymize-key`)).toBe(true);
    const plain = await runMain(['record', '--url', url, '--out', out, '--force']);
    expect(plain.code).toBe(0);
    expect(plain.stdout.join('\n')).toMatch(/removed .*set\.anonymize-key/);
    expect(existsSync(`${out}.anonymize-key`)).toBe(false);
  });

  it('a set that cannot be written leaves the folder as it was and no temporary folder', () => {
    const parent = workspace();
    const out = join(parent, 'set');
    mkdirSync(out);
    const unwritable = {
      name: 'x',
      description: 'x',
      responses: [
        {
          request: { method: 'GET', path: '/', query: {} },
          status: 200,
          headers: {},
          body: 42 as unknown as string, // writeFileSync throws on it
        },
      ],
    };
    expect(() => saveFixtureSet(unwritable, out, 'test')).toThrow(FixtureError);
    expect(readdirSync(parent)).toEqual(['set']);
    expect(readdirSync(out)).toEqual([]);
  });
});
