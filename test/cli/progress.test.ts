import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadFixtureSet, writeFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import { resolveFixtureSet } from '../../src/harness/fixtures/resolveFixtureSet.js';
import { replayServer } from '../support/servers.js';
import { twoLocations } from '../support/twoLocations.js';

// With a terminal, long work shows a progress bar on stderr. `script` gives the CLI a pseudo-terminal;
// without it this test cannot make one, and says so (the no-terminal half is in walkthrough.test.ts).
const SCRIPT = ['/usr/bin/script', '/bin/script'].find((path) => existsSync(path));
const ROOT = join(import.meta.dirname, '..', '..');
if (SCRIPT === undefined) console.log('progress.test.ts: skipped: no `script` command to give the CLI a terminal');

describe.skipIf(SCRIPT === undefined)('progress on a terminal', () => {
  it('record shows a bar per library on stderr when attached to a terminal', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: fixtureResponder(loadFixtureSet(resolveFixtureSet('linux-docker'))),
    });
    const out = join(mkdtempSync(join(tmpdir(), 'plexmatch-progress-')), 'set');
    const tsx = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const command = [process.execPath, '--import', tsx, join(ROOT, 'src', 'cli', 'main.ts'), 'record']
      .concat(['--url', server.url, '--out', out, '--page-size', '2'])
      .map((arg) => `'${arg}'`)
      .join(' ');
    const { stdout } = await promisify(execFile)(SCRIPT as string, ['-qec', command, '/dev/null'], { timeout: 20_000 });
    expect(stdout).toMatch(/recording "Movies" \[[^\]]*\] \d+\/23/);
    expect(stdout).toContain('recorded "Movies" (movie): 23 items');
  });

  it('mappings suggest shows the scan, then a bar per pass over the paths file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plexmatch-progress-'));
    const { set, paths } = twoLocations(300);
    writeFixtureSet(set, join(dir, 'set'), 'test');
    writeFileSync(join(dir, 'paths.txt'), paths.join('\n'));
    const tsx = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const command = [process.execPath, '--import', tsx, join(ROOT, 'src', 'cli', 'main.ts'), 'mappings', 'suggest']
      .concat(['--library', 'Movies', '--paths-from', join(dir, 'paths.txt'), '--fixture', join(dir, 'set')])
      .map((arg) => `'${arg}'`)
      .join(' ');
    const { stdout } = await promisify(execFile)(SCRIPT as string, ['-qec', command, '/dev/null'], { timeout: 20_000 });
    expect(stdout).toMatch(/scanning "Movies" \[[^\]]*\] \d+\/300/);
    expect(stdout).toMatch(/reading the paths, pass 1 \(MB\) \[[^\]]*\] 1\/1/);
    expect(stdout).toMatch(/reading the paths, pass 2 \(MB\) \[[^\]]*\] 1\/1/);
    expect(stdout).toContain('2 rule(s) from');
  });
});
