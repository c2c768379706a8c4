import type { ReadPhase } from '../http/timeoutErrors.js';
import { PlexTemporaryError } from './PlexTemporaryError.js';

/** Where the last attempt ran out of time: connecting, waiting for headers, or in a silence of the body. */
export type TimeoutPhase = 'connect' | ReadPhase;

/** Every attempt ran into connectTimeoutMs or readTimeoutMs. */
export class PlexTimeout extends PlexTemporaryError {
  override name = 'PlexTimeout';
  phase?: TimeoutPhase;
}
