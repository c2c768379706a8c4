import { AttemptFailure } from '../errors/errors.js';
import type { FailureCode } from '../http/failureCode.js';

/**
 * What a network blip looks like: the connection failed, broke, or went
 * silent before a complete response. Only these are retried. An HTTP status
 * (even 503) or a body we cannot parse is an answer, and answers are not
 * retried in-process: the caller decides (docs/plex-api.md §6: retrying 5xx
 * blindly, or filing it as permanent, were both bugs of the original).
 */
const RETRIABLE_FAILURES: ReadonlySet<FailureCode> = new Set<FailureCode>([
  'ECONNRESET',
  'ECONNREFUSED',
  'SOCKET_CLOSED',
  'BODY_TRUNCATED',
  'EPIPE',
  'DNS_FAILURE',
  'UNREACHABLE',
  'CONNECT_TIMEOUT',
  'READ_TIMEOUT',
]);

export function isRetriable(error: unknown): boolean {
  return error instanceof AttemptFailure && RETRIABLE_FAILURES.has(error.code);
}
