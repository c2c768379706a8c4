import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PLEXMATCH_VERSION } from '../../src/version.js';

// The one smoke test of the command as installed: bin/plexmatch.js in a process of its own (the
// Node check, tsx in a checkout, main, the exit code). Every other CLI test calls main in process.
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'plexmatch.js');
const run = promisify(execFile);

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
});
