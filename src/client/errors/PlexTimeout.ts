import type { ReadPhase } from '../http/timeoutErrors.js';
import { PlexTemporaryError } from './PlexTemporaryError.js';

/**
 * What ran out: connecting, the wait for headers, a silence of the body
 * (each per attempt), or the whole request's deadline.
 */
export type TimeoutPhase = 'connect' | ReadPhase | 'deadline';

/** Every attempt ran into connectTimeoutMs or readTimeoutMs, or the request ran past deadlineMs. */
export class PlexTimeout extends PlexTemporaryError {
  override name = 'PlexTimeout';
  phase?: TimeoutPhase;
}
