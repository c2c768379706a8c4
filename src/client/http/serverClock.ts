import type { RawResponse } from './getOnce.js';

/**
 * The server's time when it answered, in seconds since the epoch: its Date
 * header, or without a readable one, our clock (docs/matching.md §5). What
 * an item's dates are compared with: Plex stamps them with its own clock.
 */
export function serverClock(headers: RawResponse['headers'], localNow = Date.now()): number {
  const header = headers.date;
  const date = Date.parse((Array.isArray(header) ? header[0] : header) ?? '');
  return Math.floor((Number.isNaN(date) ? localNow : date) / 1000);
}
