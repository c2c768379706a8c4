import { PlexTemporaryError } from '../errors/PlexTemporaryError.js';
import type { PlexLogger } from '../logger.js';
import { backoffDelay, type RandomSource } from '../retry/backoffDelay.js';
import type { ListingPage } from '../xml/readListingPage.js';
import { Slots } from './Slots.js';

/**
 * An answer to a listing request, not read yet: what its container start
 * tag says of the paging (read from the first bytes, before the page is
 * parsed), and a function that reads it (and throws if it is not a listing).
 */
export interface FetchedPage {
  readonly peek: { readonly size?: number | undefined; readonly totalSize?: number | undefined };
  read(): ListingPage;
}

/** Asks for one window of a listing; must reject promptly once `signal` aborts. */
export type FetchPage = (start: number, size: number, signal: AbortSignal) => Promise<FetchedPage>;

export interface ScanOptions {
  readonly fetchPage: FetchPage;
  readonly pageSize: number;
  /** Listing requests in flight at most, after the first page. 1: one after the other. */
  readonly concurrency: number;
  readonly random: RandomSource;
  readonly logger: PlexLogger;
  /** What is being listed, for the log line when the server asks to slow down. */
  readonly what: string;
}

/**
 * The longest Retry-After a scan waits before asking for a page again; a
 * server that asks for a longer pause gets it from the caller instead.
 */
export const MAX_SLOW_DOWN_WAIT_MS = 10_000;

/** One window of the listing: where it starts, how many items it asks for, and its page until it is read. */
interface Window {
  readonly start: number;
  readonly size: number;
  done?: Promise<FetchedPage> | undefined;
}

/** Waits `ms`, or rejects as soon as `signal` aborts; leaves no timer behind either way. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
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
 * Pages of a listing, in order (docs/client.md, "Paging"). The first page
 * is asked for alone and says how long the listing is (`totalSize`); the
 * rest are asked for with up to `concurrency` requests in flight and reach
 * the caller in order, at most twice `concurrency` of them fetched ahead. Each
 * request has the client's timeouts, retry and deadline. When a page
 * fails, the requests still in flight are cancelled and waited for, so no
 * socket or timer is left behind, and the failure is thrown. A 429 or 503
 * to a later page while the concurrency is above 1 halves it for the rest
 * of the scan and asks for that page again; at concurrency 1, and on the
 * first page (always asked alone), it fails the scan, as it fails any
 * single request.
 */
export async function* scanListing(options: ScanOptions): AsyncGenerator<ListingPage, void, undefined> {
  const { fetchPage, random, logger } = options;
  const abort = new AbortController();
  const slots = new Slots(options.concurrency);
  let failure: { error: unknown } | undefined;

  const read = async (window: Window): Promise<FetchedPage> => {
    for (;;) {
      await slots.acquire(window.start, abort.signal);
      const capacity = slots.capacity;
      let wait: number | undefined;
      try {
        return await fetchPage(window.start, window.size, abort.signal);
      } catch (error) {
        // The first page is asked alone; later ones alongside others while the concurrency is above 1.
        if (failure === undefined && window.start > 0 && capacity > 1) wait = slowDownWait(error, random);
        if (wait === undefined) {
          if (failure === undefined) {
            failure = { error };
            abort.abort(error);
          }
          throw error;
        }
        const lowered = slots.lower(Math.floor(capacity / 2));
        logger.warn(
          `plexmatch: ${options.what}: HTTP ${(error as PlexTemporaryError).status} at ${capacity} requests at a time; ` +
            `${lowered} from now on, asking for items from ${window.start} again in ${Math.round(wait)} ms`,
        );
      } finally {
        slots.release();
      }
      await sleep(wait, abort.signal);
    }
  };

  const windows: Window[] = [{ start: 0, size: options.pageSize }];
  let started = 0;
  const start = (window: Window) => {
    window.done = read(window);
    window.done.catch(() => {}); // awaited in order below; a rejection meanwhile is not unhandled
  };
  /**
   * Starts windows in order, up to twice `concurrency` ahead of the one the caller waits for: the
   * slots keep `concurrency` in flight, and the next request goes out as soon as an answer is in,
   * not when the caller has read it. Answers wait as bytes, so waiting ones cost little.
   */
  const startAhead = (from: number) => {
    for (; started < windows.length && started < from + 2 * options.concurrency; started += 1) {
      start(windows[started] as Window);
    }
  };

  try {
    let step = options.pageSize;
    let plannedTo = options.pageSize;
    for (let i = 0; i < windows.length; i += 1) {
      startAhead(i);
      const window = windows[i] as Window;
      let page: ListingPage;
      try {
        const fetched = await (window.done as Promise<FetchedPage>);
        // A full first page of a longer listing: the next requests go out before it is parsed.
        const { size, totalSize } = fetched.peek;
        if (i === 0 && size === window.size && totalSize !== undefined && totalSize > size) {
          for (; plannedTo < totalSize; plannedTo += step) windows.push({ start: plannedTo, size: step });
          startAhead(0);
        }
        // Answers are read in listing order, when their turn comes: an answer that waits, waits as
        // bytes, not as items (parsed items waiting here made V8 grow its young generation fourfold).
        page = fetched.read();
      } catch (error) {
        if (failure === undefined) {
          failure = { error };
          abort.abort(error);
        }
        throw failure.error;
      }
      window.done = undefined; // the settled promise would keep the answer alive until the scan ends
      yield page;
      const count = page.items.length;
      const total = page.totalSize;
      if (i === 0) {
        if (count === 0 || total === undefined || count >= total) return;
        // A server that serves fewer items per page than asked: plan pages of the size it serves.
        if (count < step && plannedTo === step) {
          step = count;
          plannedTo = count;
        }
      } else if (count === 0) return;
      else if (count < window.size && total !== undefined && window.start + count < total) {
        // A short page that is not the last: the rest of its window is asked for next.
        const rest: Window = { start: window.start + count, size: window.size - count };
        windows.splice(i + 1, 0, rest);
        start(rest);
        started += 1;
      }
      // Plan up to totalSize as it is now: it is known after the first page, and may grow during the scan.
      for (; total !== undefined && plannedTo < total; plannedTo += step) {
        windows.push({ start: plannedTo, size: step });
      }
    }
  } finally {
    if (!abort.signal.aborted) abort.abort(new Error('the scan ended'));
    await Promise.allSettled(windows.slice(0, started).map((window) => window.done));
  }
}
