import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import { resolveFixtureSet } from '../../src/harness/fixtures/resolveFixtureSet.js';
import { startCli } from '../support/cliProcess.js';
import { runMain } from '../support/runMain.js';
import { replayServer } from '../support/servers.js';

// docs/cli.md: "Wherever a command takes --token, it also reads the PLEX_TOKEN environment
// variable". One test per such command: with only PLEX_TOKEN set it gets in; without, it is refused
// (so the variable is what let it in), and the token is never printed.
const TOKEN = 'env-token-5c1d9e7a33';
const EXAMPLE = join(import.meta.dirname, '..', '..', 'docs', 'examples', 'live-server.yaml');
const WITH = { PLEX_TOKEN: TOKEN };
const WITHOUT = { PLEX_TOKEN: undefined };

async function plex(ctx: Parameters<typeof replayServer>[0]) {
  const set = loadFixtureSet(resolveFixtureSet('linux-docker'));
  return (await replayServer(ctx, { respond: fixtureResponder(set), token: TOKEN })).url;
}

// Not concurrent: each call sets PLEX_TOKEN for this process while it runs.
describe('every --token reads PLEX_TOKEN', () => {
  const commands: Record<string, (url: string) => string[]> = {
    match: (url) => ['match', '--url', url, '--library', 'Movies', '/data/Movies/Sintel (2010)/Sintel (2010).mkv'],
    record: (url) => ['record', '--url', url, '--out', join(mkdtempSync(join(tmpdir(), 'plexmatch-env-')), 'set')],
    'run --target live': (url) => ['run', EXAMPLE, '--target', 'live', '--url', url],
  };

  it.for(Object.keys(commands))('%s', async (name, ctx) => {
    const args = commands[name] as (url: string) => string[];
    const url = await plex(ctx);
    const allowed = await runMain(args(url), { env: WITH });
    expect(allowed.code, allowed.stderr.join('\n')).toBe(0);
    const refused = await runMain(args(url), { env: WITHOUT });
    expect(refused.code).not.toBe(0);
    expect([...refused.stdout, ...refused.stderr].join('\n')).toMatch(/HTTP 401 Unauthorized/);
    expect([...allowed.stdout, ...allowed.stderr, ...refused.stdout, ...refused.stderr].join('\n')).not.toContain(
      TOKEN,
    );
  });

  it('a PLEX_TOKEN that cannot be a token is refused as --token is: exit 2, naming the token', async () => {
    const refused = await runMain(['match', '--url', 'http://127.0.0.1:1', '--library', 'Movies', '/data/a.mkv'], {
      env: { PLEX_TOKEN: 'has a space' },
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toEqual([expect.stringMatching(/^plexmatch: .*"token" must be .* without whitespace/)]);
  });

  it('serve', async (ctx) => {
    const cli = startCli(ctx, ['serve', 'linux-docker'], undefined, WITH);
    const [, url] = (await cli.waitFor(/^plexmatch: serving .* at (http:\/\/127\.0\.0\.1:\d+)$/)) as [string, string];
    expect((await fetch(`${url}/library/sections`)).status).toBe(401);
    expect((await fetch(`${url}/library/sections`, { headers: { 'X-Plex-Token': TOKEN } })).status).toBe(200);
    // Plex answers /identity without a token (docs/fixtures.md, "Token").
    expect((await fetch(`${url}/identity`)).status).toBe(200);
    expect(cli.stdout.join('\n')).not.toContain(TOKEN);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });
});
