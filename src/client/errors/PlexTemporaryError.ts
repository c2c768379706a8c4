import { PlexError } from './PlexError.js';

/**
 * Trying again later may work: 429, 500, 502, 503, 504, or a connection
 * that kept failing through every attempt.
 */
export class PlexTemporaryError extends PlexError {
  override name = 'PlexTemporaryError';
  /** From a Retry-After header (429/503), in ms, when the server sent one. */
  retryAfterMs?: number;
}
