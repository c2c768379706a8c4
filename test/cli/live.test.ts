import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import { resolveFixtureSet } from '../../src/harness/fixtures/resolveFixtureSet.js';
import { runMain } from '../support/runMain.js';
import { replayServer } from '../support/servers.js';

// --target live against "your server" (a replay server standing in), with the example file of
// docs/real-plex.md: the declared items are found, and the server only ever sees GETs.
const EXAMPLE = join(import.meta.dirname, '..', '..', 'docs', 'examples', 'live-server.yaml');

describe('plexmatch run --target live', () => {
  it('runs the user-written checks read-only, token from PLEX_TOKEN', async (ctx) => {
    const token = 'live-token-0123456789';
    const server = await replayServer(ctx, {
      respond: fixtureResponder(loadFixtureSet(resolveFixtureSet('linux-docker'))),
      token,
    });
    const { code, stdout, stderr } = await runMain(['run', EXAMPLE, '--target', 'live', '--url', server.url], {
      env: { PLEX_TOKEN: token },
    });
    expect(code, [...stdout, ...stderr].join('\n')).toBe(0);
    expect(stdout.at(-1)).toBe('3 passed, 0 failed');
    expect(server.log.length).toBeGreaterThan(0);
    expect(server.log.every((e) => e.method === 'GET' && e.status === 200)).toBe(true);
    expect([...stdout, ...stderr].join('\n')).not.toContain(token);
  });
});
