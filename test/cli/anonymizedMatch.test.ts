import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { serveFixtures } from '../../src/harness/serveFixtures.js';
import { runMain } from '../support/runMain.js';

// A year in a path is moved by --anonymize like a word is renamed: `match` on the anonymized set,
// given the real path, must move it the same way, or a user's real path finds nothing.
const SINTEL = '/data/Movies/Sintel (2010)/Sintel (2010).mkv';

async function recorded(ctx: TestContext, extra: string[]) {
  const served = await serveFixtures({ fixture: 'linux-docker' });
  ctx.onTestFinished(() => served.server.close());
  const out = join(mkdtempSync(join(tmpdir(), 'plexmatch-anon-')), 'set');
  const record = await runMain(['record', '--url', served.server.url, '--out', out, '--anonymize', ...extra]);
  expect(record.code, record.stderr.join('\n')).toBe(0);
  return out;
}

const match = (out: string) => runMain(['match', '--fixture', out, '--library', 'Movies', '--json', SINTEL]);

describe.concurrent('match on an anonymized recording', () => {
  it('finds the real path (its words and year moved with the key); the set holds neither', async (ctx) => {
    const out = await recorded(ctx, []);
    expect(readFileSync(`${out}.anonymize-key`, 'utf8')).toMatch(/^[0-9a-f]{64}\nnumbers: hidden\n$/);
    const listing = readFileSync(join(out, 'responses', 'library-sections-1-all.type=1.xml'), 'utf8');
    expect(listing).not.toContain('Sintel');
    // Sintel's own year moved (another year may well become 2010: the key moves every year, randomly).
    const sintel = /<Video ratingKey="101"[\s\S]*?<\/Video>/.exec(listing)?.[0] ?? '';
    expect(sintel).toMatch(/file="[^"]*\(\d{4}\)/);
    expect(sintel).not.toContain('(2010)');
    const result = await match(out);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.join('\n'))).toMatchObject({ status: 'matched', ratingKey: '101' });
  });

  it('scenario new writes no real name: name, path and why are all pseudonyms, and the scenario passes', async (ctx) => {
    const out = await recorded(ctx, []);
    const file = join(dirname(out), 'bug.yaml');
    const made = await runMain([
      'scenario',
      'new',
      '--fixture',
      out,
      '--library',
      'Movies',
      '--path',
      SINTEL,
      '--out',
      file,
    ]);
    expect(made.code, made.stderr.join('\n')).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/name: match-[a-z]+-\d{4}-mkv/);
    expect(text.toLowerCase()).not.toContain('sintel');
    expect(text).not.toContain('2010');
    const run = await runMain(['run', file]);
    expect(run.stdout.at(-1)).toBe('1 passed, 0 failed');
  });

  it('--keep-numbers keeps the year in paths, and says so in the key', async (ctx) => {
    const out = await recorded(ctx, ['--keep-numbers']);
    expect(readFileSync(`${out}.anonymize-key`, 'utf8')).toMatch(/\nnumbers: kept\n$/);
    expect(readFileSync(join(out, 'responses', 'library-sections-1-all.type=1.xml'), 'utf8')).toContain('(2010)');
    expect((await match(out)).code).toBe(0);
  });

  it('a key written before numbers were hidden (one line) reads as --keep-numbers', async (ctx) => {
    const out = await recorded(ctx, ['--keep-numbers']);
    const [hex] = readFileSync(`${out}.anonymize-key`, 'utf8').split('\n');
    writeFileSync(`${out}.anonymize-key`, `${hex}\n`);
    expect((await match(out)).code).toBe(0);
  });

  it('a damaged key is one line and exit 3; --keep-numbers alone is a usage error', async (ctx) => {
    const out = await recorded(ctx, []);
    writeFileSync(`${out}.anonymize-key`, 'not a key\n');
    const damaged = await match(out);
    expect(damaged.code).toBe(3);
    expect(damaged.stderr).toEqual([
      expect.stringMatching(/set\.anonymize-key: not an anonymize key \(expected 64 hex/),
    ]);
    const alone = await runMain(['record', '--url', 'http://127.0.0.1:9', '--out', `${out}-2`, '--keep-numbers']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toEqual(['plexmatch: --keep-numbers only applies with --anonymize']);
  });
});
