import type { RawResponse } from '../http/getOnce.js';
import { type HttpMethod, type PlexError, PlexNotFound, PlexPermanentError, PlexTemporaryError } from './errors.js';

/**
 * Which statuses mean "try later". Plex answers 503 while it starts up and
 * proxies in front of it answer 502/504 (and 52x) while it is away; 501 and
 * 505 say the request itself will never work.
 */
function isTemporaryStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

/** Reads Retry-After (seconds or an HTTP date) as ms from now. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What a temporary status says of when to try again: the server's Retry-After when it sent one. */
function whenToRetry(waitMs: number | undefined): string {
  if (waitMs === undefined) return 'try again later';
  return waitMs === 0 ? 'try again now (Retry-After)' : `try again in ${Math.ceil(waitMs / 1000)} s (Retry-After)`;
}

/**
 * The error for a response whose status is not 2xx. Never retried by the
 * request that got it (docs/client.md, "Retry"): a 429 or 503 fails at once,
 * its Retry-After in the message and in `retryAfterMs`.
 */
export function errorForStatus(response: RawResponse, method: HttpMethod, url: string, attempts: number): PlexError {
  const { status } = response;
  const reason = response.statusText ? ` ${response.statusText}` : '';
  const details = { url, attempts, status, code: `HTTP_${status}` as const };
  const base = `${method} ${url} answered HTTP ${status}${reason}`;
  if (status === 404) return new PlexNotFound(`${base}: no such path on this server`, details);
  if (status === 401 || status === 403) {
    return new PlexPermanentError(`${base}: the token is missing, wrong, or lacks access`, details);
  }
  if (isTemporaryStatus(status)) {
    const wait = retryAfterMs(response.headers['retry-after']);
    return new PlexTemporaryError(`${base}: temporary, ${whenToRetry(wait)}`, { ...details, retryAfterMs: wait });
  }
  if (status >= 300 && status < 400) {
    const location = response.headers.location;
    const target = typeof location === 'string' ? ` to ${location}` : '';
    return new PlexPermanentError(`${base}: redirect${target} (redirects are not followed)`, details);
  }
  return new PlexPermanentError(base, details);
}
