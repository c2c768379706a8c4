import { describe, expect, it } from 'vitest';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import { seededRandom } from '../../src/harness/fixtures/syntheticLibrary.js';
import { syntheticSet } from '../../src/harness/fixtures/syntheticSet.js';
import { pageWindow, renderPage } from '../../src/harness/server/paging.js';
import { xmlResponse } from '../../src/harness/server/response.js';
import type { RequestLogEntry } from '../../src/harness/server/startReplayServer.js';
import { lateBound } from '../../src/harness/timing/loopLateness.js';
import { PlexNotFound, PlexTemporaryError } from '../../src/index.js';
import { clientTimersLeft } from '../support/clientTimers.js';
import { SECTIONS, SERVER_ROOT, videoXml } from '../support/plexXml.js';
import { captureAttempts, captureLogger, timed } from '../support/recorders.js';
import { plexClient, replayServer } from '../support/servers.js';

const LISTING = '/library/sections/1/all';
const listings = (log: readonly RequestLogEntry[]) => log.filter((e) => e.path === LISTING);

/** The most intervals open at once; an interval ending when another starts does not overlap it. */
function maxOverlap(intervals: readonly (readonly [number, number])[]): number {
  const edges = intervals
    .flatMap(([from, to]) => [
      [from, 1],
      [to, -1],
    ])
    .sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
  let now = 0;
  let most = 0;
  for (const [, step] of edges) {
    now += step as number;
    most = Math.max(most, now);
  }
  return most;
}

/** The most listing requests the server held at once: each counts from arrival to its answer. */
function maxInFlight(log: readonly RequestLogEntry[]): number {
  return maxOverlap(
    listings(log)
      .filter((e) => e.answeredAt !== undefined)
      .map((e) => [e.at, e.answeredAt as number] as const),
  );
}

const SET = syntheticSet({ count: 2345, seed: 11 });

describe.concurrent('concurrent paging', () => {
  it('gives the same items in the same order as a one-by-one scan, whatever order pages finish in', async (ctx) => {
    const random = seededRandom(5);
    const server = await replayServer(ctx, {
      respond: fixtureResponder(SET),
      pageDelayMs: () => Math.floor(random() * 40),
    });
    const parallel = await plexClient(ctx, server.url, undefined, { pageSize: 100 }).getLibrary('Movies');
    const sequential = await plexClient(ctx, server.url, undefined, { pageSize: 100, pageConcurrency: 1 }).getLibrary(
      'Movies',
    );
    const [a, b] = [await parallel.all(), await sequential.all()];
    expect(a).toHaveLength(2345);
    expect(a).toEqual(b);
    expect(a.map((item) => item.ratingKey)).toEqual(Array.from({ length: 2345 }, (_, i) => String(1000 + i)));
  });

  it.for([
    [undefined, 4],
    [1, 1],
    [2, 2],
    [8, 8],
  ] as const)('keeps pageConcurrency %s requests in flight (%s)', async ([pageConcurrency, expected], ctx) => {
    const server = await replayServer(ctx, { respond: fixtureResponder(SET), pageDelayMs: 50 });
    const attempts = captureAttempts();
    const options = {
      pageSize: 100,
      onAttempt: attempts.onAttempt,
      ...(pageConcurrency === undefined ? {} : { pageConcurrency }),
    };
    const items = await (await plexClient(ctx, server.url, undefined, options).getLibrary('Movies')).all();
    expect(items).toHaveLength(2345);
    expect(listings(server.log)).toHaveLength(24);
    // In flight as the client sees it: from sending a request to its whole answer.
    const listed = attempts.events.filter((e) => e.url.includes('/all'));
    expect(maxOverlap(listed.map((e) => [e.startedAt, e.endedAt] as const))).toBe(expected);
  });

  it('reports progress after each page, in order', async (ctx) => {
    const server = await replayServer(ctx, { respond: fixtureResponder(SET), pageDelayMs: () => 5 });
    const library = await plexClient(ctx, server.url, undefined, { pageSize: 1000 }).getLibrary('Movies');
    const heard: [number, number][] = [];
    await library.all(undefined, (done, total) => heard.push([done, total]));
    expect(heard).toEqual([
      [1000, 2345],
      [2000, 2345],
      [2345, 2345],
    ]);
  });

  it('halves the concurrency after a 503 to a later page, and asks for that page again', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: fixtureResponder(SET),
      faults: [{ path: LISTING, attempts: [3], fault: { kind: 'status', status: 503, retryAfter: '1' } }],
      pageDelayMs: 20,
    });
    const logger = captureLogger();
    const library = await plexClient(ctx, server.url, undefined, { pageSize: 100, logger }).getLibrary('Movies');
    const items = await library.all();
    expect(items.map((i) => i.ratingKey)).toEqual(Array.from({ length: 2345 }, (_, i) => String(1000 + i)));
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(
      /listing library "Movies": HTTP 503 at 4 requests at a time; 2 from now on, asking for items from \d+ again in 1000 ms/,
    );
    const log = listings(server.log);
    expect(log).toHaveLength(25);
    // Retry-After was honoured: the page asked again no sooner than 1 s after the 503.
    const refused = log.find((e) => e.fault === 'status') as RequestLogEntry;
    const again = log.find((e) => e.seq > refused.seq && e.containerStart === refused.containerStart);
    expect((again?.at ?? 0) - refused.at).toBeGreaterThanOrEqual(1000);
    // From the re-ask on, never more than 2 at once.
    expect(maxInFlight(log.filter((e) => e.seq >= (again?.seq ?? 0)))).toBeLessThanOrEqual(2);
  });

  it('fails the scan with a 503 once requests go one at a time (the server is busy, not crowded)', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: fixtureResponder(SET),
      faults: [{ path: LISTING, attempts: [2], fault: { kind: 'status', status: 503 } }],
    });
    const library = await plexClient(ctx, server.url, undefined, { pageSize: 100, pageConcurrency: 1 }).getLibrary(
      'Movies',
    );
    await expect(library.all()).rejects.toBeInstanceOf(PlexTemporaryError);
    expect(listings(server.log)).toHaveLength(2);
  });

  it('fails at once on a 503 to the first page: it is asked alone, so the server is busy, not crowded', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: fixtureResponder(SET),
      faults: [{ path: LISTING, attempts: [1], fault: { kind: 'status', status: 503 } }],
    });
    const library = await plexClient(ctx, server.url, undefined, { pageSize: 100 }).getLibrary('Movies');
    await expect(library.all()).rejects.toMatchObject({ status: 503, attempts: 1 });
    expect(listings(server.log)).toHaveLength(1);
  });

  it('fails at once on a Retry-After longer than 10 s: that pause is the caller’s to take', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: fixtureResponder(SET),
      faults: [{ path: LISTING, attempts: [3], fault: { kind: 'status', status: 429, retryAfter: '60' } }],
      pageDelayMs: 20,
    });
    const library = await plexClient(ctx, server.url, undefined, { pageSize: 100 }).getLibrary('Movies');
    await expect(library.all()).rejects.toMatchObject({ status: 429, retryAfterMs: 60_000 });
  });

  it('reads every item exactly once from a server that serves fewer items per page than asked', async (ctx) => {
    const movies = Array.from({ length: 53 }, (_, i) =>
      videoXml({ ratingKey: String(100 + i), title: `M${i}`, media: [[`/data/Movies/M${i}.mkv`]] }),
    );
    const server = await replayServer(ctx, {
      respond: (request) => {
        if (request.path === '/') return xmlResponse(SERVER_ROOT);
        if (request.path === '/library/sections') return xmlResponse(SECTIONS);
        if (request.path !== LISTING) return undefined;
        const { start, size } = pageWindow(request);
        // Caps every page at 7 items, and the first at 5.
        return xmlResponse(renderPage(movies, { start, size: Math.min(size ?? 7, start === 0 ? 5 : 7) }, ''));
      },
    });
    const items = await (await plexClient(ctx, server.url, undefined, { pageSize: 20 }).getLibrary('Movies')).all();
    expect(items.map((i) => i.ratingKey)).toEqual(Array.from({ length: 53 }, (_, i) => String(100 + i)));
  });
});

/** A server with stalling listings, and its Movies library read 100 items a page with a 20 s read timeout. */
async function stallingLibrary(ctx: Parameters<typeof replayServer>[0], options: Parameters<typeof replayServer>[1]) {
  const server = await replayServer(ctx, options);
  const attempts = captureAttempts();
  const library = await plexClient(ctx, server.url, undefined, {
    pageSize: 100,
    readTimeoutMs: 20_000,
    onAttempt: attempts.onAttempt,
  }).getLibrary('Movies');
  return { server, attempts, library };
}

// Not concurrent: the timer count watches the whole process.
describe('cancelling a scan', () => {
  it('cancels the requests in flight when a page fails, and leaves no client timer behind', async (ctx) => {
    // The 3rd listing request is a 404; the 4th and 5th stall forever (no answer, no close).
    const { server, attempts, library } = await stallingLibrary(ctx, {
      respond: fixtureResponder(SET),
      faults: [
        { path: LISTING, attempts: [3], fault: { kind: 'status', status: 404 } },
        { path: LISTING, attempts: [4, 5], fault: { kind: 'stall-headers' } },
      ],
      pageDelayMs: (entry) => (entry.seq === 5 ? 50 : 0), // the 404 after the stalls have started
    });
    const { value, ms, lateness } = await timed(() => clientTimersLeft(() => library.all()));
    const { outcome, timers } = value as Awaited<ReturnType<typeof clientTimersLeft>>;
    expect(outcome).toEqual({ error: expect.any(PlexNotFound) });
    expect(ms).toBeLessThan(lateBound(5_000, lateness)); // not the 20 s read timeout of the stalled ones
    expect(timers).toBe(0);
    // Every attempt ended: the stalled ones as cancelled, none still waiting.
    const outcomes = attempts.events.filter((e) => e.url.includes('/all')).map((e) => e.outcome);
    expect(outcomes.filter((o) => o === 'ABORTED').length).toBeGreaterThanOrEqual(2);
    // The stalled sockets were closed by the client (the server keeps no connection waiting for them).
    const answered = listings(server.log).filter((e) => e.fault === undefined || e.fault === 'status').length;
    await ctx.expect.poll(() => server.openConnections()).toBeLessThanOrEqual(answered);
  });

  it('cancels what is in flight when the caller stops reading early', async (ctx) => {
    const { server, attempts, library } = await stallingLibrary(ctx, {
      respond: fixtureResponder(SET),
      faults: [{ path: LISTING, attempts: [3, 4, 5, 6, 7, 8, 9, 10], fault: { kind: 'stall-headers' } }],
    });
    // After the second page, four requests are in flight (the concurrency) and stall; the caller stops there.
    const { outcome, timers } = await clientTimersLeft(async () => {
      let read = 0;
      for await (const page of library.pages()) {
        read += page.length;
        if (read === 200) return read;
      }
    });
    expect(outcome).toBe(200);
    expect(timers).toBe(0);
    expect(attempts.events.filter((e) => e.outcome === 'ABORTED')).toHaveLength(4);
    await ctx.expect.poll(() => server.openConnections()).toBeLessThanOrEqual(2);
  });
});
