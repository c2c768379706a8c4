import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PLEXMATCH_VERSION } from '../../src/version.js';

// The one smoke test of the command as installed: bin/plexmatch.js in a process of its own (the
// Node check, tsx in a checkout, main, the exit code). Every other CLI test calls main in process.
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'plexmatch.js');
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
