import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { runMain } from '../support/runMain.js';
import { twoLocations } from '../support/twoLocations.js';

// plexmatch mappings suggest, as the acceptance states it: two library folders, 30
// movie.mkv, 90 paths not in Plex, a 10k-item section; exactly the two rules, none for the noise.
// (Its time is measured by `npm run bench -- suggest`, not asserted here.)
function workspace(items: number) {
  const dir = mkdtempSync(join(tmpdir(), 'plexmatch-suggest-'));
  const { set, paths, rules } = twoLocations(items);
  writeFixtureSet(set, join(dir, 'set'), 'test');
  writeFileSync(join(dir, 'paths.txt'), `\ufeff${paths.join('\r\n')}\r\n\r\n`);
  return { fixture: join(dir, 'set'), pathsFile: join(dir, 'paths.txt'), paths, rules, dir };
}

describe.concurrent('plexmatch mappings suggest', () => {
  it('--json on a 10k-item section: exactly the two rules, the noise unexplained', async () => {
    const w = workspace(10_000);
    const args = ['mappings', 'suggest', '--library', 'Movies', '--paths-from', w.pathsFile, '--fixture', w.fixture];
    const run = await runMain([...args, '--json']);
    expect(run.code, run.stderr.join('\n')).toBe(0);
    const result = JSON.parse(run.stdout.join('\n'));
    expect(result.mappings.map((m: { from: string; to: string }) => `${m.from}=${m.to}`).sort()).toEqual(w.rules);
    expect(result.mappings.reduce((sum: number, m: { matched: number }) => sum + m.matched, 0)).toBe(
      w.paths.length - 90,
    );
    expect(result.unexplained.count).toBe(90);
    expect(result.items).toBe(10_000);
  });

  it('prints the rules, the unexplained, and the --map flags to paste; they make match find the file', async () => {
    const w = workspace(300);
    const run = await runMain([
      'mappings',
      'suggest',
      '--library',
      'Movies',
      '--paths-from',
      w.pathsFile,
      '--fixture',
      w.fixture,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout[0]).toMatch(/^2 rule\(s\) from \d+ path\(s\), library "Movies" \(300 items\):$/);
    expect(run.stdout.join('\n')).toMatch(/90 path\(s\) explained by no rule: 60 not in Plex .*; 30 ambiguous/);
    const flags = run.stdout.at(-1)?.trim() ?? '';
    expect(flags).toBe('--map /mnt/user/media/movies=/data/Movies --map /srv/uhd=/data/Movies4K');
    const path = w.paths[0] as string;
    const matched = await runMain(['match', path, '--library', 'Movies', '--fixture', w.fixture, ...flags.split(' ')]);
    expect(matched.code).toBe(0);
    expect(matched.stdout[0]).toMatch(/^matched \(exact\)/);
  });

  it('no rule is exit 1; a paths file that is missing, empty or not UTF-8 is exit 3, one line', async () => {
    const w = workspace(100);
    const base = ['mappings', 'suggest', '--library', 'Movies', '--fixture', w.fixture, '--paths-from'];
    writeFileSync(join(w.dir, 'noise.txt'), '/nowhere/a.mkv\n/nowhere/b.mkv\n');
    const none = await runMain([...base, join(w.dir, 'noise.txt')]);
    expect(none.code).toBe(1);
    expect(none.stdout[0]).toMatch(/^0 rule\(s\) from 2 path\(s\)/);
    const missing = await runMain([...base, join(w.dir, 'absent.txt')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toEqual([
      expect.stringMatching(/absent\.txt: cannot read the paths file: no such file or folder \(ENOENT\)$/),
    ]);
    writeFileSync(join(w.dir, 'empty.txt'), '\n  \n');
    expect((await runMain([...base, join(w.dir, 'empty.txt')])).stderr).toEqual([
      expect.stringMatching(/empty\.txt: holds no paths; expected one path per line$/),
    ]);
    writeFileSync(join(w.dir, 'latin1.txt'), Buffer.from([0x2f, 0x61, 0xe9, 0x0a]));
    const latin1 = await runMain([...base, join(w.dir, 'latin1.txt')]);
    expect(latin1.code).toBe(3);
    expect(latin1.stderr).toEqual([expect.stringMatching(/latin1\.txt: is not UTF-8 text/)]);
  });
});

// Issue 23: a sample matchPath refuses made the whole command fail on a rule the user never gave.
describe('plexmatch mappings suggest: samples matchPath refuses', () => {
  it('a `.` segment is reported as unusable with its reason; the rest still gives the rules', async () => {
    const w = workspace(300);
    const dotted = w.paths
      .filter((path) => path.includes('/movies/'))
      .slice(0, 3)
      .map((path) => path.replace('/movies/', '/movies/./'));
    writeFileSync(join(w.dir, 'dotted.txt'), [...dotted, ...w.paths].join('\n'));
    const args = ['mappings', 'suggest', '--library', 'Movies', '--fixture', w.fixture, '--paths-from'];
    const run = await runMain([...args, join(w.dir, 'dotted.txt')]);
    expect(run.code, run.stderr.join('\n')).toBe(0);
    expect(
      run.stdout
        .at(-1)
        ?.trim()
        .split(/ ?--map /)
        .filter(Boolean)
        .sort(),
    ).toEqual(w.rules);
    const text = run.stdout.join('\n');
    expect(text).toContain('3 path(s) unusable (matchPath refuses them, so they are no evidence). For example:');
    expect(text).toContain(`  ${dotted[0]}  (path must not contain "." or ".." segments`);
    const json = JSON.parse((await runMain([...args, join(w.dir, 'dotted.txt'), '--json'])).stdout.join('\n'));
    expect(json.unusable).toMatchObject({ count: 3, samples: dotted.map((path) => ({ path })) });
  });
});
