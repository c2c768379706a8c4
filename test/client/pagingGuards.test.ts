import { describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/harness/faults/fault.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import { syntheticSet } from '../../src/harness/fixtures/syntheticSet.js';
import { pageWindow, renderPage } from '../../src/harness/server/paging.js';
import { xmlResponse } from '../../src/harness/server/response.js';
import type { Responder } from '../../src/harness/server/startReplayServer.js';
import { LibraryIndex, PlexPermanentError } from '../../src/index.js';
import { SECTIONS, SERVER_ROOT, videoXml } from '../support/plexXml.js';
import { captureLogger } from '../support/recorders.js';
import { plexClient, replayServer } from '../support/servers.js';

const LISTING = '/library/sections/1/all';
const ALL = Array.from({ length: 1200 }, (_, i) => String(1000 + i));
const respond = fixtureResponder(syntheticSet({ count: 1200, seed: 9 }));

async function listWith(ctx: Parameters<typeof replayServer>[0], faults: FaultRule[], responder: Responder = respond) {
  const server = await replayServer(ctx, { respond: responder, faults });
  const logger = captureLogger();
  const library = await plexClient(ctx, server.url, undefined, { logger }).getLibrary('Movies');
  const started = performance.now();
  const outcome = await library.all().catch((error: unknown) => error);
  return {
    outcome,
    ms: performance.now() - started,
    logger,
    listings: server.log.filter((e) => e.path === LISTING),
    library,
  };
}

/** A Plex that pages like Plex but sends no totalSize; `ignoreStart` answers every window from 0. */
function withoutTotalSize(ignoreStart: boolean): Responder {
  const movies = Array.from({ length: 1234 }, (_, i) =>
    videoXml({ ratingKey: String(100 + i), title: `M${i}`, media: [[`/data/Movies/M${i}.mkv`]] }),
  );
  return (request) => {
    if (request.path === '/') return xmlResponse(SERVER_ROOT);
    if (request.path === '/library/sections') return xmlResponse(SECTIONS);
    if (request.path !== LISTING) return undefined;
    const window = pageWindow(request);
    const page = renderPage(movies, ignoreStart ? { ...window, start: 0 } : window, '');
    return xmlResponse(page.replace(/ totalSize="\d+"| offset="\d+"/g, ''));
  };
}

describe.concurrent('paging guards', () => {
  it('a server that ignores paging ends in PAGING_IGNORED within a few requests, naming the proxy cause', async (ctx) => {
    const { outcome, ms, listings, logger } = await listWith(ctx, [
      { path: LISTING, fault: { kind: 'ignore-paging', via: 'all' } },
    ]);
    expect(outcome).toBeInstanceOf(PlexPermanentError);
    expect(outcome).toMatchObject({ code: 'PAGING_IGNORED' });
    expect((outcome as Error).message).toMatch(/ignored paging: asked for items from 500 .* it answered items from 0/);
    expect((outcome as Error).message).toMatch(/reverse proxy/);
    expect(ms).toBeLessThan(30_000);
    expect(listings.length).toBeLessThanOrEqual(10);
    expect(logger.lines.some((line) => /asking with query parameters instead/.test(line))).toBe(true);
  });

  it('… and so does one that also says totalSize="1000000000", instead of paging for ever', async (ctx) => {
    const { outcome, ms, listings } = await listWith(ctx, [
      { path: LISTING, fault: { kind: 'ignore-paging', via: 'all' } },
      { path: LISTING, fault: { kind: 'total-size', value: 1_000_000_000 } },
    ]);
    expect(outcome).toMatchObject({ code: 'PAGING_IGNORED' });
    expect(ms).toBeLessThan(30_000);
    expect(listings.length).toBeLessThanOrEqual(10);
  });

  it('a proxy that drops the paging headers is read with query parameters: every item, once', async (ctx) => {
    const { outcome, listings, logger } = await listWith(ctx, [
      { path: LISTING, fault: { kind: 'ignore-paging', via: 'headers' } },
    ]);
    expect((outcome as { ratingKey: string }[]).map((i) => i.ratingKey)).toEqual(ALL);
    expect(listings.length).toBeLessThanOrEqual(3 + 10);
    expect(listings.at(-1)?.url).toMatch(/X-Plex-Container-Start=1000/);
    expect(logger.lines.some((line) => /query parameters work/.test(line))).toBe(true);
  });

  it('an empty first page that says totalSize="5000" is an error, not an empty library', async (ctx) => {
    const { outcome } = await listWith(ctx, [
      { path: LISTING, attempts: [1], fault: { kind: 'empty-page' } },
      { path: LISTING, attempts: [1], fault: { kind: 'total-size', value: 5000 } },
    ]);
    expect(outcome).toMatchObject({ code: 'PAGING_EMPTY_PAGE' });
    expect((outcome as Error).message).toMatch(/totalSize="5000" with no items in the first page/);
  });

  it('an empty page before totalSize is reached is an error: items would be missing', async (ctx) => {
    const { outcome } = await listWith(ctx, [{ path: LISTING, attempts: [2], fault: { kind: 'empty-page' } }]);
    expect(outcome).toMatchObject({ code: 'PAGING_EMPTY_PAGE' });
    expect((outcome as Error).message).toMatch(/with no items, although totalSize says 1200/);
  });

  it('a listing that grows at its end while it is read: the new end is read too, and the change said', async (ctx) => {
    const { outcome, logger } = await listWith(ctx, [
      { path: LISTING, fault: { kind: 'grow', hidden: 300, items: 100, at: 'end' } },
    ]);
    const keys = (outcome as { ratingKey: string }[]).map((i) => i.ratingKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThan(900);
    expect(keys).toEqual(ALL.slice(0, keys.length));
    expect(logger.lines.some((line) => /changed while it was listed/.test(line))).toBe(true);
  });

  it('items inserted before the page being read: repeats are dropped, and the change is said', async (ctx) => {
    const { outcome, logger } = await listWith(ctx, [
      { path: LISTING, fault: { kind: 'grow', hidden: 300, items: 100, at: 'start' } },
    ]);
    const keys = (outcome as { ratingKey: string }[]).map((i) => i.ratingKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(ALL).toContain(key);
    expect(logger.lines.some((line) => /changed while it was listed/.test(line))).toBe(true);
  });

  it('a LibraryIndex scans a moving listing once more, and then holds every item', async (ctx) => {
    const server = await replayServer(ctx, {
      respond,
      faults: [{ path: LISTING, fault: { kind: 'grow', hidden: 300, items: 150, at: 'start' } }],
    });
    const logger = captureLogger();
    const library = await plexClient(ctx, server.url, undefined, { logger }).getLibrary('Movies');
    const index = await LibraryIndex.fromLibrary(library);
    expect([...index.items()].map((i) => i.ratingKey).sort()).toEqual(ALL);
    expect(index.listingMoved).toBe(false);
    expect(logger.lines.some((line) => /scanning it once more/.test(line))).toBe(true);
  });

  it('a listing that shrinks while it is read ends where totalSize now says, with the change said', async (ctx) => {
    const { outcome, logger } = await listWith(ctx, [
      { path: LISTING, attempts: [3], fault: { kind: 'total-size', value: 1100 } },
    ]);
    expect((outcome as unknown[]).length).toBe(1200);
    expect(logger.lines.some((line) => /changed while it was listed/.test(line))).toBe(true);
  });

  it('without totalSize, a full page is followed by the next, one at a time, until a short one', async (ctx) => {
    const { outcome, listings } = await listWith(ctx, [], withoutTotalSize(false));
    expect((outcome as unknown[]).length).toBe(1234);
    expect(listings.map((e) => e.containerStart)).toEqual(['0', '500', '1000']);
  });

  it('without totalSize, a server that repeats its first page is caught the same way', async (ctx) => {
    const { outcome, listings } = await listWith(ctx, [], withoutTotalSize(true));
    expect(outcome).toMatchObject({ code: 'PAGING_IGNORED' });
    expect((outcome as Error).message).toMatch(/it answered items it had already sent/);
    expect(listings.length).toBeLessThanOrEqual(4);
  });

  it('paging that never adds up ends in PAGING_RUNAWAY after ceil(totalSize / page) + 10 requests', async (ctx) => {
    // The first page is whole; every later window gets 10 items, so each would take 50 requests.
    const capped: Responder = (request) => {
      const window = pageWindow(request);
      if (request.path !== LISTING || window.start === 0) return respond(request);
      return respond({
        ...request,
        headers: { ...request.headers, 'x-plex-container-size': String(Math.min(window.size ?? 10, 10)) },
      });
    };
    const { outcome, listings } = await listWith(ctx, [], capped);
    expect(outcome).toMatchObject({ code: 'PAGING_RUNAWAY' });
    expect(listings.length).toBeLessThanOrEqual(Math.ceil(1200 / 500) + 10 + 8);
  });
});
