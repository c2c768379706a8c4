import { describe, expect, it } from 'vitest';
import { resolveClientConfig } from '../../src/client/clientConfig.js';
import { PlexHttp } from '../../src/client/PlexHttp.js';
import { describedLibrary } from '../../src/harness/container/containerTarget.js';
import { createSections, ScanTimeoutError, waitForScan } from '../../src/harness/container/plexSetup.js';
import { loadFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import { lateBound } from '../../src/harness/timing/loopLateness.js';
import { PLEX_SETUP } from '../support/plexStandIn.js';
import { timed } from '../support/recorders.js';
import { replayServer } from '../support/servers.js';

// The set-up code a container run depends on, verified against the replay server standing in for a
// fresh Plex (test/fixtures/plex-setup): the same requests a real server gets.
function http(ctx: { onTestFinished: (fn: () => Promise<void>) => void }, url: string) {
  const client = new PlexHttp(resolveClientConfig(url, undefined, {}));
  ctx.onTestFinished(() => client.close());
  return client;
}

describe.concurrent('container set-up against a stand-in Plex', () => {
  it('creates each section once, with an offline agent, its type and location', async (ctx) => {
    const server = await replayServer(ctx, { respond: fixtureResponder(loadFixtureSet(PLEX_SETUP)) });
    const created = await createSections(http(ctx, server.url), describedLibrary('linux-docker').sections);
    expect(created).toEqual(['Movies', 'TV Shows', 'Home Videos']);
    const posts = server.log.filter((e) => e.method === 'POST');
    expect(posts.map((e) => [e.path, e.status])).toEqual([
      ['/library/sections', 200],
      ['/library/sections', 200],
      ['/library/sections', 200],
    ]);
    expect(decodeURIComponent(posts[1]?.url ?? '')).toContain('name=TV Shows');
    expect(decodeURIComponent(posts[1]?.url ?? '')).toContain('agent=tv.plex.agents.none');
    // The stand-in now lists them, so a second run creates nothing.
    await waitForScan(http(ctx, server.url), { pollMs: 10 });
    expect(await createSections(http(ctx, server.url), describedLibrary('linux-docker').sections)).toEqual([]);
  });

  it('waits while a section refreshes or a library activity runs, until idle twice in a row', async (ctx) => {
    const server = await replayServer(ctx, { respond: fixtureResponder(loadFixtureSet(PLEX_SETUP)) });
    const plex = http(ctx, server.url);
    await plex.get('/library/sections'); // the "before creation" answer is used up
    const busy: string[][] = [];
    const polls = await waitForScan(plex, { pollMs: 10, onBusy: (b) => busy.push([...b]) });
    expect(busy).toEqual([
      ['section "Movies" refreshing', 'activity "Scanning Movies" 40%', 'activity "Analyzing media" 10%'],
      ['activity "Scanning TV Shows" 90%'],
    ]);
    expect(polls).toBe(4);
    expect(server.log.filter((e) => e.path === '/activities')).toHaveLength(4);
  });

  it('gives up after the bound with a clear error naming what is still busy', async (ctx) => {
    const setup = fixtureResponder(loadFixtureSet(PLEX_SETUP));
    const server = await replayServer(ctx, {
      // A scan that never ends: /activities stays at its first (busy) answer.
      respond: (request) =>
        request.path === '/activities'
          ? (setup({ ...request, path: '/activities-never' }) ?? {
              status: 200,
              headers: { 'content-type': 'text/xml' },
              body: Buffer.from(
                '<MediaContainer size="1"><Activity type="library.update.section" title="Scanning Movies" progress="3" /></MediaContainer>',
              ),
            })
          : setup(request),
    });
    const plex = http(ctx, server.url);
    // The sections' "none" and "refreshing" answers used up first: every poll then sees idle sections,
    // so what is still busy does not depend on how many polls a busy machine fits into the bound.
    await plex.get('/library/sections');
    await plex.get('/library/sections');
    const { error, ms, lateness } = await timed(() => waitForScan(plex, { pollMs: 20, timeoutMs: 300 }));
    expect(error).toBeInstanceOf(ScanTimeoutError);
    expect((error as Error).message).toBe(
      'the Plex scan did not finish within 0.3 s; still busy: activity "Scanning Movies" 3%',
    );
    expect(ms).toBeGreaterThanOrEqual(300 - 1);
    expect(ms).toBeLessThan(lateBound(1000, lateness));
  });

  it('a POST is one attempt: a reset is not retried (Plex may have acted on it)', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: fixtureResponder(loadFixtureSet(PLEX_SETUP)),
      faults: [{ method: 'POST', fault: { kind: 'reset' } }],
    });
    const error = await createSections(http(ctx, server.url), describedLibrary('linux-docker').sections).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'PlexTemporaryError', attempts: 1 });
    expect(server.log.filter((e) => e.method === 'POST')).toHaveLength(1);
  });
});
