/**
 * Mapping suggestion (docs/matching.md §8), the acceptance case:
 * a 10k-item section in /data/Movies and /data/Movies4K, 30 movie.mkv
 * items, a sample of the application's paths with 90 that Plex lacks.
 *   - `plexmatch mappings suggest --json --fixture` as a user runs it
 *     (the installed command on the built package, median of 5), bound 2 s
 *   - suggestMappings alone over the index, and at 10x and 100x the sample
 *     (linear in the sample size)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PathIndex, suggestMappings } from '../src/core/index.js';
import { writeFixtureSet } from '../src/harness/fixtures/fixtureFiles.js';
import { twoLocations } from '../test/support/twoLocations.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ITEMS = 10_000;
const dir = mkdtempSync(join(tmpdir(), 'plexmatch-bench-suggest-'));
try {
  const { set, items, paths, rules } = twoLocations(ITEMS);
  writeFixtureSet(set, join(dir, 'set'), 'bench');
  writeFileSync(join(dir, 'paths.txt'), paths.join('\n'));
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT });
  // The built command, as an installed package runs it (a checkout's bin would run the sources through tsx).
  const cli = join(ROOT, 'dist', 'cli', 'main.js');
  const runner = `import { main } from ${JSON.stringify(cli)}; process.exitCode = await main(process.argv.slice(1));`;
  const times: number[] = [];
  let found: string[] = [];
  for (let run = 0; run < 5; run += 1) {
    const started = performance.now();
    const child = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        runner,
        'mappings',
        'suggest',
        '--json',
        '--library',
        'Movies',
        '--paths-from',
        join(dir, 'paths.txt'),
        '--fixture',
        join(dir, 'set'),
      ],
      { encoding: 'utf8' },
    );
    times.push(performance.now() - started);
    if (child.status !== 0) throw new Error(`mappings suggest exited ${child.status}: ${child.stderr}`);
    found = JSON.parse(child.stdout)
      .mappings.map((m: { from: string; to: string }) => `${m.from}=${m.to}`)
      .sort();
  }
  if (JSON.stringify(found) !== JSON.stringify(rules)) throw new Error(`suggested ${found.join(', ')}`);
  const index = PathIndex.fromItems(items);
  const core = (sample: string[]) => {
    const started = performance.now();
    suggestMappings(index, sample);
    return Math.round((performance.now() - started) * 10) / 10;
  };
  core(paths); // warm
  const times10 = [core(paths), core(Array(10).fill(paths).flat()), core(Array(100).fill(paths).flat())];
  times.sort((a, b) => a - b);
  console.log(
    `suggest-mappings ${JSON.stringify({
      items: ITEMS,
      samplePaths: paths.length,
      rules: found,
      cliMedianMs: Math.round(times[2] as number),
      cliMaxMs: Math.round(times[4] as number),
      boundMs: 2000,
      coreMs: { [paths.length]: times10[0], [paths.length * 10]: times10[1], [paths.length * 100]: times10[2] },
    })}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
