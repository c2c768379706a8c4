import { PlexError } from './PlexError.js';

/**
 * Trying again will not help: 401/403 (token), another 4xx, a response that
 * is not the Plex XML it should be, or one larger than allowed.
 */
export class PlexPermanentError extends PlexError {
  override name = 'PlexPermanentError';
}
