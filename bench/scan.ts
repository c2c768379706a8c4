/**
 * Big sections on slow servers (npm run bench -- scan). A replay server in
 * a process of its own (`plexmatch serve --synthetic N`, pages made when
 * asked for) and the client in another (bench/scanClient.mjs over the built
 * package), so each process's peak RSS is its own. For 100k and 500k items:
 *   - scan and index on loopback: wall time (median of 3 runs), the client's
 *     peak RSS (the highest of the 3, against the bound: 250 MB for
 *     100k items, 1 GB for 500k), listing requests; at the default
 *     pageConcurrency (4) and Node's default flags, at 1, and with a smaller
 *     V8 young generation (--max-semi-space-size=8, see docs/client.md);
 *   - with a 100 ms delay per listing request: scan time against the
 *     sequential floor (pages × 100 ms);
 * and the lookup loop (20k items, 100 ms per listing request, 2,000
 * matchPath calls, 10% of the paths not in Plex): time and listing requests,
 * against the bounds it was built to (half the sequential floor, one scan and
 * one refresh within the paging slack of ten requests).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Figure, figure } from './figures.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGE = 500;
/** The client's peak RSS allowed per section size (docs/client.md, "What an index keeps"). */
const PEAK_RSS_BOUND_MB = new Map([
  [100_000, 250],
  [500_000, 1024],
]);
const k = (items: number) => `${items / 1000}k items`;

function startServer(items: number, delayMs = 0): Promise<{ url: string; child: ChildProcess }> {
  const args = ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--synthetic', String(items)];
  if (delayMs > 0) args.push('--page-delay-ms', String(delayMs));
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      // Every request is logged; read them all so the pipe never fills.
      if (seen.length < 4096) seen += chunk.toString();
      const url = /serving .* at (http:\/\/127\.0\.0\.1:\d+)/.exec(seen)?.[1];
      if (url !== undefined) {
        seen = 'x'.repeat(4096);
        resolve({ url, child });
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
}

function client(url: string, args: string[] = [], nodeFlags: string[] = []): Record<string, number> {
  const out = execFileSync(process.execPath, [...nodeFlags, 'bench/scanClient.mjs', url, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as Record<string, number>;
}

export async function scanBench(): Promise<Record<string, unknown>> {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT });
  const results: Record<string, unknown> = {};
  const figures: Figure[] = [];
  for (const [items, peakRssBoundMB] of PEAK_RSS_BOUND_MB) {
    const pages = Math.ceil(items / PAGE);
    const loopback = await startServer(items);
    try {
      const runs = [client(loopback.url), client(loopback.url), client(loopback.url)];
      const byTime = [...runs].sort((a, b) => (a.scanMs as number) - (b.scanMs as number));
      const scan = byTime[1] as Record<string, number>;
      const peaks = runs.map((run) => run.peakRssMB as number);
      const smallYoung = client(loopback.url, [], ['--max-semi-space-size=8']);
      const one = client(loopback.url, ['--concurrency', '1']);
      results[`${items} loopback`] = {
        scanMs: scan.scanMs,
        peakRssMB: Math.max(...peaks),
        peakRssMBEachRun: peaks,
        peakRssBoundMB,
        requests: scan.requests,
        pages,
        'peakRssMB --max-semi-space-size=8': smallYoung.peakRssMB,
        'scanMs pageConcurrency 1': one.scanMs,
        'peakRssMB pageConcurrency 1': one.peakRssMB,
      };
      figures.push(
        figure(`${k(items)} on loopback: scan and index (median of 3)`, scan.scanMs as number, 'ms'),
        figure(
          `${k(items)} on loopback: client peak RSS (highest of 3)`,
          Math.max(...peaks),
          'MB',
          `<= ${peakRssBoundMB}`,
        ),
        figure(`${k(items)}: client peak RSS with --max-semi-space-size=8`, smallYoung.peakRssMB as number, 'MB'),
        figure(`${k(items)}: scan and index at pageConcurrency 1`, one.scanMs as number, 'ms'),
        figure(`${k(items)}: client peak RSS at pageConcurrency 1`, one.peakRssMB as number, 'MB'),
      );
    } finally {
      loopback.child.kill();
    }
    const slow = await startServer(items, 100);
    try {
      const scan = client(slow.url);
      results[`${items} at 100 ms per page`] = {
        scanMs: scan.scanMs,
        sequentialFloorMs: pages * 100,
        requests: scan.requests,
      };
      figures.push(
        figure(
          `${k(items)} at 100 ms per listing request: scan and index (one page after another: ${pages * 100} ms)`,
          scan.scanMs as number,
          'ms',
        ),
      );
    } finally {
      slow.child.kill();
    }
  }
  const slow = await startServer(20_000, 100);
  try {
    const loop = client(slow.url, ['--lookups', '2000', '--items', '20000']);
    const pages = 20_000 / PAGE;
    const boundMs = (pages * 100) / 2;
    const requestBound = pages + 10;
    results['lookup loop 20k at 100 ms per page'] = { ...loop, boundMs, requestBound };
    const what = '2,000 matchPath calls, 10% not in Plex, 20k items at 100 ms per listing request';
    figures.push(
      figure(`${what}: time`, loop.loopMs as number, 'ms', `<= ${boundMs}`),
      figure(`${what}: listing requests`, loop.requests as number, 'count', `<= ${requestBound}`),
    );
  } finally {
    slow.child.kill();
  }
  return { ...results, figures };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await scanBench();
  for (const [name, value] of Object.entries(results))
    if (name !== 'figures') console.error(`${name}: ${JSON.stringify(value)}`);
  console.log('scan', JSON.stringify(results));
}
