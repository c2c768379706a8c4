import { setTimeout as sleep } from 'node:timers/promises';
import { type PlexErrorCode, PlexPermanentError, PlexTemporaryError } from '../errors/errors.js';
import type { PlexLogger } from '../logger.js';
import { backoffDelay, type RandomSource } from '../retry/backoffDelay.js';
import type { PagingPeek } from '../xml/peekPaging.js';
import type { ListingPage } from '../xml/readListingPage.js';
import { Slots } from './Slots.js';

/**
 * An answer to a listing request, not read yet: what its container start
 * tag says of the paging (read from the first bytes, before the page is
 * parsed), and a function that reads it (and throws if it is not a listing).
 */
export interface FetchedPage<P extends ListingPage = ListingPage> {
  readonly peek: PagingPeek;
  read(): P;
}

/** How a window is asked for: X-Plex-Container-Start/Size headers, or the same names as query parameters. */
export type PagingVia = 'headers' | 'query';

/** Asks for one window of a listing; must reject promptly once `signal` aborts. */
export type FetchPage<P extends ListingPage = ListingPage> = (
  start: number,
  size: number,
  via: PagingVia,
  signal: AbortSignal,
) => Promise<FetchedPage<P>>;

export interface ScanOptions<P extends ListingPage = ListingPage> {
  readonly fetchPage: FetchPage<P>;
  readonly pageSize: number;
  /** Listing requests in flight at most, after the first page. 1: one after the other. */
  readonly concurrency: number;
  readonly random: RandomSource;
  readonly logger: PlexLogger;
  /** What is being listed, for log lines and errors ("listing library "Movies""). */
  readonly what: string;
  /** The listing's URL, token-free, for errors. */
  readonly url: string;
}

/** A page as the scan gives it: its items less any already given, and whether the listing moved so far. */
export type ScannedPage<P extends ListingPage = ListingPage> = P & {
  /** For each of the page's children (`childKeys`), false when it repeats one already given. */
  readonly childFresh: readonly boolean[];
  /**
   * True once the listing changed while it was read (totalSize changed, or a page repeated items
   * already given): items that moved between pages may be missing. Stays true to the end of the scan.
   */
  readonly listingMoved: boolean;
};

/**
 * The longest Retry-After a scan waits before asking for a page again; a
 * server that asks for a longer pause gets it from the caller instead.
 */
const MAX_SLOW_DOWN_WAIT_MS = 10_000;

/**
 * Requests a scan may make beyond ceil(totalSize / page size), slow-down
 * re-asks and retries not counted: the switch to query paging, the rest of
 * a short page, pages added while the scan ran. A scan that needs more ends
 * in PAGING_RUNAWAY instead of paging forever.
 */
export const PAGING_SLACK = 10;

/** One window of the listing: where it starts, how many items it asks for, and its answer until it is read. */
interface Window<P extends ListingPage> {
  readonly start: number;
  readonly size: number;
  done?: Promise<FetchedPage<P>> | undefined;
}

/**
 * 429 and 503 are a server saying "too much at once". The wait before
 * asking again: Retry-After when given (up to 10 s), else the first retry
 * wait; undefined when the error is something else or the pause is longer.
 */
function slowDownWait(error: unknown, random: RandomSource): number | undefined {
  if (!(error instanceof PlexTemporaryError) || (error.status !== 429 && error.status !== 503)) return undefined;
  const asked = error.retryAfterMs;
  if (asked === undefined) return backoffDelay(1, random);
  return asked <= MAX_SLOW_DOWN_WAIT_MS ? asked : undefined;
}

/**
 * Pages of a listing, in order, each item once (docs/client.md, "Paging"
 * and "Paging guards"). The first page is asked for alone and says how
 * long the listing is (`totalSize`); the rest are asked for with up to
 * `concurrency` requests in flight and reach the caller in order. Each
 * request has the client's timeouts, retry and deadline. When a page
 * fails, the requests still in flight are cancelled and waited for, so no
 * socket or timer is left behind, and the failure is thrown.
 *
 * The guards: an answer whose offset is not the start asked for, or a later
 * page that is the first page again item for item, is a server that
 * ignores paging: the window is asked for again with query
 * parameters, and if that is ignored too the scan ends in PAGING_IGNORED.
 * A page empty before totalSize ends in PAGING_EMPTY_PAGE; more than
 * ceil(totalSize / page) + PAGING_SLACK requests in PAGING_RUNAWAY. Items
 * already given are dropped; a listing that changed while it was read is
 * said so (`listingMoved`).
 */
export async function* scanListing<P extends ListingPage>(
  options: ScanOptions<P>,
): AsyncGenerator<ScannedPage<P>, void, undefined> {
  const { fetchPage, random, logger } = options;
  const abort = new AbortController();
  /** Aborted when the scan switches to query paging: cancels what was asked with headers. */
  let generation = new AbortController();
  let via: PagingVia = 'headers';
  const slots = new Slots(options.concurrency);
  const reads = new Set<Promise<FetchedPage<P>>>();
  let failure: { error: unknown } | undefined;
  const fail: (error: unknown) => never = (error) => {
    if (failure === undefined) {
      failure = { error };
      abort.abort(error);
    }
    throw failure.error;
  };
  const pagingError = (code: PlexErrorCode, message: string) =>
    new PlexPermanentError(`${options.what}: GET ${options.url} ${message}`, {
      url: options.url,
      code,
      attempts: requests,
    });

  let requests = 0;
  const read = async (window: Window<P>, signal: AbortSignal, asked: PagingVia): Promise<FetchedPage<P>> => {
    requests += 1;
    for (;;) {
      await slots.acquire(window.start, signal);
      const capacity = slots.capacity;
      let wait: number | undefined;
      try {
        return await fetchPage(window.start, window.size, asked, signal);
      } catch (error) {
        if (signal.aborted && !abort.signal.aborted) throw error; // superseded by the switch to query paging
        // The first page is asked alone; later ones alongside others while the concurrency is above 1.
        if (failure === undefined && window.start > 0 && capacity > 1) wait = slowDownWait(error, random);
        if (wait === undefined) fail(error);
        const lowered = slots.lower(Math.floor(capacity / 2));
        logger.warn(
          `plexmatch: ${options.what}: HTTP ${(error as PlexTemporaryError).status} at ${capacity} requests at a time; ` +
            `${lowered} from now on, asking for items from ${window.start} again in ${Math.round(wait as number)} ms`,
        );
      } finally {
        slots.release();
      }
      await sleep(wait as number, undefined, { signal }); // clears its timer when the scan is cancelled
    }
  };

  // The windows not read yet, in listing order; the plan extends them lazily up to totalSize.
  const windows: Window<P>[] = [];
  let started = 0;
  let step = options.pageSize;
  let plannedTo = 0;
  let total: number | undefined;
  let mostTotal = 0;
  const start = (window: Window<P>) => {
    const signal = AbortSignal.any([abort.signal, generation.signal]);
    const pending = read(window, signal, via);
    window.done = pending;
    reads.add(pending);
    pending.then(
      () => reads.delete(pending),
      () => reads.delete(pending),
    );
  };
  /**
   * Plans and starts windows in order, up to twice `concurrency` ahead of the one the caller waits
   * for: the slots keep `concurrency` in flight, and the next request goes out as soon as an answer
   * is in. Answers wait as bytes, so waiting ones cost little.
   */
  const startAhead = () => {
    const ahead = 2 * options.concurrency;
    while (total !== undefined && plannedTo < total && windows.length < ahead) {
      windows.push({ start: plannedTo, size: step });
      plannedTo += step;
    }
    for (; started < Math.min(windows.length, ahead); started += 1) start(windows[started] as Window<P>);
  };
  /** Forgets every window not read yet, cancelling its request, so the listing is asked again from `from`. */
  const replanFrom = (from: number) => {
    generation.abort(new Error('superseded'));
    generation = new AbortController();
    windows.length = 0;
    started = 0;
    plannedTo = from;
  };

  const seen = new Set<string>();
  let firstKeys: readonly (string | undefined)[] = [];
  let listingMoved = false;
  let switchedAt: number | undefined;
  try {
    windows.push({ start: 0, size: options.pageSize });
    plannedTo = options.pageSize;
    start(windows[0] as Window<P>);
    started = 1;
    while (windows.length > 0) {
      const window = windows[0] as Window<P>;
      let page: P;
      try {
        const fetched = await (window.done as Promise<FetchedPage<P>>);
        // A full first page of a longer listing: the next requests go out before it is parsed.
        const { size, totalSize, offset } = fetched.peek;
        if (window.start === 0 && total === undefined && size === window.size && totalSize !== undefined) {
          if (totalSize > size && (offset === undefined || offset === 0)) {
            total = totalSize;
            startAhead();
          }
        }
        // Answers are read in listing order, when their turn comes: an answer that waits, waits as
        // bytes, not as items (parsed items waiting here made V8 grow its young generation fourfold).
        page = fetched.read();
      } catch (error) {
        fail(error);
      }
      windows.shift();
      started -= 1;
      window.done = undefined;

      // Paging counts every child of the container (a Directory among the items too).
      const keys = page.childKeys;
      const count = keys.length;
      const offsetWrong = page.offset !== undefined && page.offset !== window.start;
      // The first page again, child for child: a listing that moves shifts its items, it does not start over.
      const stuck = window.start > 0 && count > 0 && keys.every((key, k) => key !== undefined && key === firstKeys[k]);
      if (offsetWrong || stuck) {
        const answered = page.offset === undefined ? 'items it had already sent' : `items from ${page.offset}`;
        if (via === 'query') {
          throw pagingError(
            'PAGING_IGNORED',
            `ignored paging: asked for items from ${window.start} (X-Plex-Container-Start in the headers, then in the query), it answered ${answered}. A reverse proxy in front of Plex that drops X-Plex-* headers and query parameters does this; let them through, or point plexmatch at Plex itself`,
          );
        }
        logger.warn(
          `plexmatch: ${options.what}: asked for items from ${window.start} with X-Plex-Container-Start in the headers, the server answered ${answered}; asking with query parameters instead (a proxy may be dropping the headers)`,
        );
        via = 'query';
        switchedAt = window.start;
        replanFrom(window.start + window.size);
        windows.push({ start: window.start, size: window.size });
        start(windows[0] as Window<P>);
        started = 1;
        continue;
      }
      if (switchedAt !== undefined && window.start === switchedAt) {
        logger.warn(`plexmatch: ${options.what}: query parameters work; the rest of the listing is asked for that way`);
        switchedAt = undefined;
      }

      // Each child once, told apart by ratingKey (children without one cannot repeat).
      const fresh = new Set<string>();
      const childFresh = keys.map((key) => {
        if (key === undefined) return true;
        if (seen.has(key) || fresh.has(key)) return false;
        fresh.add(key);
        return true;
      });
      // An item is kept the first time its key is fresh; every fresh key is seen from now on.
      const items = page.items.filter((item) => fresh.delete(item.ratingKey) && seen.add(item.ratingKey));
      for (const key of fresh) seen.add(key);
      // The listing as this page sees it: totalSize may have changed since the first page.
      if (page.totalSize !== undefined && total !== undefined && page.totalSize !== total) listingMoved = true;
      if (childFresh.includes(false)) listingMoved = true;
      if (page.totalSize !== undefined) total = page.totalSize;
      if (window.start === 0) firstKeys = keys;
      mostTotal = Math.max(mostTotal, total ?? 0);
      yield { ...page, items, childFresh, listingMoved };

      const end = window.start + count;
      if (window.start === 0 && windows.length === 0) {
        // What the first page says about the rest.
        if (total === undefined) {
          // No totalSize: a full page may have more behind it; ask one page at a time until a short one.
          if (count === window.size) windows.push({ start: end, size: window.size });
        } else if (count === 0 && total > 0) {
          throw pagingError(
            'PAGING_EMPTY_PAGE',
            `answered totalSize="${total}" with no items in the first page: the server's paging is broken, so the listing cannot be read`,
          );
        } else if (count < total) {
          // A server that serves fewer items per page than asked: plan pages of the size it serves.
          if (count < step) step = count;
          plannedTo = end;
        }
      } else if (count === 0) {
        if (total !== undefined && window.start < total) {
          throw pagingError(
            'PAGING_EMPTY_PAGE',
            `answered the page from ${window.start} with no items, although totalSize says ${total}: items would be missing, so the listing is not given`,
          );
        }
        return; // the listing ended here (it may have shrunk: totalSize said so)
      } else if (total === undefined) {
        if (count === window.size && windows.length === 0) windows.push({ start: end, size: window.size });
      } else if (count < window.size && end < total) {
        // A short page that is not the last: the rest of its window is asked for next.
        windows.unshift({ start: end, size: window.size - count });
        start(windows[0] as Window<P>);
        started += 1;
      }
      if (total !== undefined && requests > Math.ceil(mostTotal / step) + PAGING_SLACK) {
        throw pagingError(
          'PAGING_RUNAWAY',
          `needed more than ${requests - 1} requests for a listing of ${mostTotal} items in pages of ${step}; the server's paging does not add up`,
        );
      }
      startAhead(); // without totalSize this starts the one next window, so such a listing is read page by page
    }
  } finally {
    if (!abort.signal.aborted) abort.abort(new Error('the scan ended'));
    await Promise.allSettled([...reads]);
  }
}
