import { PlexTemporaryError } from './PlexTemporaryError.js';

/** Nothing answers at the URL: connection refused, host unreachable, or its name does not resolve. */
export class PlexServerDown extends PlexTemporaryError {
  override name = 'PlexServerDown';
}
