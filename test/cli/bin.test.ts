import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PLEXMATCH_VERSION } from '../../src/version.js';
import { oldNode } from '../support/oldNode.js';

// The one smoke test of the command as installed: bin/plexmatch.js in a process of its own (the
// Node check, tsx in a checkout, main, the exit code), and the package's entry points imported on an
// old Node. Every other CLI test calls main in process.
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'plexmatch.js');
const run = promisify(execFile);

/**
 * bin/plexmatch.js with its stdout closed before it writes a line: what `| head -1` leaves a
 * command once head has ended. Every write then fails with EPIPE.
 */
function withClosedStdout(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stderr })));
}

describe('bin/plexmatch.js', () => {
  it('runs a command to its exit code: --version, then a match on a shipped set', async () => {
    const version = await run(process.execPath, [BIN, '--version'], { timeout: 30_000 });
    expect(version.stdout.trim()).toBe(PLEXMATCH_VERSION);
    const path = '/data/Movies/Sintel (2010)/Sintel (2010).mkv';
    const match = await run(
      process.execPath,
      [BIN, 'match', '--fixture', 'linux-docker', '--library', 'Movies', path],
      {
        timeout: 30_000,
      },
    );
    expect(match.stdout.split('\n')[0]).toMatch(/^matched \(exact\): 101 /);
    expect(match.stderr).toBe('');
    // A failure is a non-zero exit code, not only a line.
    const missing = await run(
      process.execPath,
      [BIN, 'match', '--fixture', 'linux-docker', '--library', 'Nope', path],
      {
        timeout: 30_000,
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect('code' in missing ? missing.code : 0).toBe(5); // docs/cli.md: no library with that title
  });

  it('ends quietly with its own exit code when stdout is closed (| head -1): run, match --explain, mappings suggest', async () => {
    const paths = join(mkdtempSync(join(tmpdir(), 'plexmatch-epipe-')), 'paths.txt');
    writeFileSync(
      paths,
      ['Sintel (2010)/Sintel (2010).mkv', 'Elephants Dream (2006)/Elephants Dream (2006) - cd1.avi']
        .map((file) => `/mnt/media/movies/${file}\n`)
        .join(''),
    );
    const spring = '/media/movies/Spring (2019)/movie.mkv';
    const [ran, failed, explained, suggested] = await Promise.all([
      withClosedStdout(['run', join(import.meta.dirname, '..', '..', 'scenarios', 'matching')]),
      withClosedStdout(['run', join(import.meta.dirname, '..', '..', 'scenarios', 'matching'), '--filter', 'zzz']),
      withClosedStdout(['match', spring, '--library', 'Movies', '--fixture', 'linux-docker', '--explain']),
      withClosedStdout([
        'mappings',
        'suggest',
        '--library',
        'Movies',
        '--fixture',
        'linux-docker',
        '--paths-from',
        paths,
      ]),
    ]);
    expect(ran).toEqual({ code: 0, stderr: '' });
    // stderr still works: the reason for exit 1 is there.
    expect(failed).toEqual({ code: 1, stderr: 'plexmatch: no scenario matched --filter "zzz" (219 loaded)\n' });
    expect(explained).toEqual({ code: 1, stderr: '' }); // ambiguous: three movie.mkv
    expect(suggested).toEqual({ code: 0, stderr: '' });
  });
});

describe('the package on a Node older than 22.20', () => {
  // Each entry point of package.json `exports`, as its source (tsx, which runs on Node 20, in place of
  // the build): plexmatch and plexmatch/harness say in one line which Node they need, never a stack
  // trace from inside undici; plexmatch/core works.
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { import?: string }>;
  };
  const source = (entry: string) => {
    const built = (pkg.exports[entry] as { import: string }).import;
    return join(ROOT, built.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));
  };
  const tsx = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const importOn = (node: string, entry: string) => {
    const script = `const m = await import(${JSON.stringify(pathToFileURL(source(entry)).href)}); console.log(Object.keys(m).length);`;
    const child = spawnSync(node, ['--import', tsx, '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { code: child.status, stdout: child.stdout.trim(), stderr: child.stderr };
  };

  it('plexmatch and plexmatch/harness refuse in one line; plexmatch/core works', (ctx) => {
    const old = oldNode();
    if (old === undefined) {
      console.log('Node entry-point check skipped: no Node.js older than 22.20 on this machine');
      return ctx.skip('no Node.js older than 22.20 on this machine');
    }
    for (const entry of ['.', './harness']) {
      const outcome = importOn(old, entry);
      expect(outcome.code, entry).not.toBe(0);
      const said = outcome.stderr.split('\n').filter((line) => line.includes('plexmatch needs'));
      expect(said, `${entry}: ${outcome.stderr}`).toEqual([
        expect.stringMatching(
          /plexmatch needs Node\.js 22\.20 or newer \(this is v\d+\.\d+\.\d+\); only plexmatch\/core runs on an older Node/,
        ),
      ]);
      expect(outcome.stderr, entry).not.toMatch(/undici|node_modules|\n\s+at /);
    }
    const core = importOn(old, './core');
    expect(core, core.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(Number(core.stdout)).toBeGreaterThan(10);
  });
});
