/**
 * Mapping suggestion (docs/matching.md §8), the issues' acceptance cases:
 *   - `plexmatch mappings suggest --json --fixture` on a 10k-item section in
 *     /data/Movies and /data/Movies4K with 30 movie.mkv items and 90 sample
 *     paths Plex lacks, as a user runs it (the installed command on the built
 *     package, median of 5), bound 2 s
 *   - suggestMappings alone over that index, at 1x, 10x and 100x the sample
 *     (linear in the sample size; for information)
 *   - suggestMappings over 2,000 movie.mkv samples on a 20k-item index where
 *     10 or 5,000 items hold a movie.mkv: a name shared by more than the
 *     cut-off costs O(1) per sample, so 5,000 sharers cost ≤ 5× 10 sharers
 *   - bin/plexmatch.js with 1,000,000 sample paths (a file made here) against
 *     a 100k-item section that `plexmatch serve` replays from another process,
 *     as a Plex server would be: ≤ 60 s and ≤ 500 MB peak RSS (the child's
 *     own process.resourceUsage().maxRSS)
 * The last line is `suggest-mappings <JSON>` with `figures` (bench/figures.ts).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PathIndex, type PlexItem, suggestMappings } from '../src/core/index.js';
import { writeFixtureSet } from '../src/harness/fixtures/fixtureFiles.js';
import { twoLocations } from '../test/support/twoLocations.js';
import { type Figure, figure } from './figures.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ITEMS = 10_000;
const BIG_ITEMS = 100_000;
const BIG_PATHS = 1_000_000;
const dir = mkdtempSync(join(tmpdir(), 'plexmatch-bench-suggest-'));

/** The command in a checkout (it runs the sources through tsx) … */
const BIN = [join(ROOT, 'bin', 'plexmatch.js')];
/** … and as an installed package runs it: the built dist/ (made below). */
const INSTALLED = [
  '--input-type=module',
  '-e',
  `const { main } = await import(${JSON.stringify(join(ROOT, 'dist', 'cli', 'main.js'))}); process.exitCode = await main(process.argv.slice(1));`,
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const round = (value: number) => Math.round(value * 10) / 10;

/**
 * `bin/plexmatch.js mappings suggest --json` in a child process, with a
 * preload that reports the child's own peak RSS (process.resourceUsage)
 * on stderr's last line as it exits.
 */
function runSuggest(
  command: readonly string[],
  pathsFile: string,
  source: readonly string[],
): { ms: number; maxRssMb: number; stdout: string } {
  const preload = join(dir, 'report-rss.mjs');
  writeFileSync(
    preload,
    "process.on('exit', () => process.stderr.write('\\nmaxRSS ' + process.resourceUsage().maxRSS + '\\n'));\n",
  );
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    ['--import', pathToFileURL(preload).href, ...command]
      .concat(['mappings', 'suggest', '--json', '--library', 'Movies'])
      .concat(['--paths-from', pathsFile, ...source]),
    { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, PLEX_TOKEN: undefined } },
  );
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`mappings suggest exited ${child.status}: ${child.stderr.slice(-2000)}`);
  const rss = /maxRSS (\d+)\s*$/.exec(child.stderr);
  if (rss === null) throw new Error(`mappings suggest did not report its peak RSS: ${child.stderr.slice(-500)}`);
  return { ms, maxRssMb: Math.round(Number(rss[1]) / 1024), stdout: child.stdout };
}

const rulesOf = (stdout: string) =>
  JSON.parse(stdout)
    .mappings.map((m: { from: string; to: string }) => `${m.from}=${m.to}`)
    .sort() as string[];

/** 2,000 movie.mkv samples over 20k items, `sharers` of which hold a movie.mkv; ms, median of 5. */
function sharedNameMs(sharers: number): number {
  const items: PlexItem[] = [];
  for (let i = 0; i < 20_000; i += 1) {
    const file = i < sharers ? `/data/Movies/Shared ${i}/movie.mkv` : `/data/Movies/Film ${i}/Film ${i}.mkv`;
    items.push({
      ratingKey: String(i + 1),
      key: `/library/metadata/${i + 1}`,
      type: 'movie',
      title: `Film ${i}`,
      media: [{ id: `${i}1`, parts: [{ id: `${i}11`, file }] }],
    });
  }
  const index = PathIndex.fromItems(items);
  const samples = Array.from({ length: 2000 }, (_, i) => `/mnt/movies/Shared ${i % sharers}/movie.mkv`);
  suggestMappings(index, samples); // warm
  const times: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const started = performance.now();
    suggestMappings(index, samples);
    times.push(performance.now() - started);
  }
  return median(times);
}

/** A paths file of `count` lines: the big section's files under the application's prefixes, 1% noise. */
async function writeBigPaths(file: string, paths: readonly string[], count: number): Promise<void> {
  const out = createWriteStream(file);
  let chunk: string[] = [];
  for (let i = 0; i < count; i += 1) {
    chunk.push(
      i % 100 === 99 ? `/mnt/user/downloads/incoming ${i}/not in plex ${i}.mkv` : (paths[i % paths.length] as string),
    );
    if (chunk.length === 10_000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await new Promise<void>((resolve) => out.once('drain', resolve));
      chunk = [];
    }
  }
  out.end(chunk.join('\n'));
  await new Promise<void>((resolve, reject) => out.on('finish', resolve).on('error', reject));
}

try {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT });
  const figures: Figure[] = [];

  // The 10k-item section, through the command and through the core.
  const { set, items, paths, rules } = twoLocations(ITEMS);
  writeFixtureSet(set, join(dir, 'set'), 'bench');
  writeFileSync(join(dir, 'paths.txt'), paths.join('\n'));
  const times: number[] = [];
  let found: string[] = [];
  for (let run = 0; run < 5; run += 1) {
    const { ms, stdout } = runSuggest(INSTALLED, join(dir, 'paths.txt'), ['--fixture', join(dir, 'set')]);
    times.push(ms);
    found = rulesOf(stdout);
  }
  if (JSON.stringify(found) !== JSON.stringify(rules)) throw new Error(`suggested ${found.join(', ')}`);
  figures.push(
    figure(
      `mappings suggest --json, ${paths.length} sample paths, ${ITEMS.toLocaleString('en')}-item fixture (median of 5)`,
      Math.round(median(times)),
      'ms',
      '<= 2000',
    ),
  );
  const index = PathIndex.fromItems(items);
  const core = (sample: string[]) => {
    const started = performance.now();
    suggestMappings(index, sample);
    return round(performance.now() - started);
  };
  core(paths); // warm
  for (const times of [1, 10, 100]) {
    const sample = Array(times).fill(paths).flat();
    figures.push(
      figure(
        `suggestMappings, ${sample.length.toLocaleString('en')} sample paths, ${ITEMS.toLocaleString('en')}-item index`,
        core(sample),
        'ms',
      ),
    );
  }

  // A name shared by more than the cut-off costs O(1) per sample.
  const few = sharedNameMs(10);
  const many = sharedNameMs(5000);
  figures.push(figure('suggestMappings, 2,000 movie.mkv samples, 20,000 items, 10 share the name', round(few), 'ms'));
  figures.push(figure('… the same, 5,000 share the name', round(many), 'ms'));
  figures.push(figure('suggestMappings, 5,000 sharers ÷ 10 sharers', round(many / few), '×', '<= 5'));

  // A million sample paths against a 100k-item section, served by `plexmatch serve` in a process of
  // its own, as a Plex server is: the child's peak RSS is the command's, not the served fixture's.
  const big = twoLocations(BIG_ITEMS);
  writeFixtureSet(big.set, join(dir, 'big'), 'bench');
  await writeBigPaths(join(dir, 'big.txt'), bigPaths(big.items), BIG_PATHS);
  const server = await serve(join(dir, 'big'));
  let run: ReturnType<typeof runSuggest>;
  try {
    run = runSuggest(BIN, join(dir, 'big.txt'), ['--url', server.url]);
  } finally {
    server.stop();
  }
  const bigFound = rulesOf(run.stdout);
  if (JSON.stringify(bigFound) !== JSON.stringify(big.rules)) throw new Error(`suggested ${bigFound.join(', ')}`);
  const label = `mappings suggest --json --url, ${BIG_PATHS.toLocaleString('en')} sample paths, ${BIG_ITEMS.toLocaleString('en')}-item section`;
  figures.push(figure(label, Math.round(run.ms), 'ms', '<= 60000'));
  figures.push(figure(`${label}: peak RSS`, run.maxRssMb, 'MB', '<= 500'));

  console.log(`suggest-mappings ${JSON.stringify({ items: ITEMS, samplePaths: paths.length, rules: found, figures })}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file of the big section as the application sees it (twoLocations' prefixes swapped back). */
function bigPaths(items: readonly PlexItem[]): string[] {
  return items.map((item) =>
    (item.media[0]?.parts[0]?.file ?? '')
      .replace(/^\/data\/Movies4K\//, '/srv/uhd/')
      .replace(/^\/data\/Movies\//, '/mnt/user/media/movies/'),
  );
}

/** `plexmatch serve <fixture>` in a child process, once it says where it listens. */
async function serve(fixture: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'plexmatch.js'), 'serve', fixture, '--port', '0'], {
    env: { ...process.env, PLEX_TOKEN: undefined },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let said = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      said += text;
      const at = / at (https?:\/\/\S+)/.exec(said);
      if (at !== null) resolve(at[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`plexmatch serve exited ${code} before listening: ${said}`)));
  });
  child.stdout.resume();
  return { url, stop: () => child.kill() };
}
