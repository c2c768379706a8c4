import type { AttemptFailure } from '../http/AttemptFailure.js';
import type { FailureCode } from '../http/failureCode.js';
import { DeadlineError, ReadTimeoutError } from '../http/timeoutErrors.js';
import { redactText } from '../redact.js';
import { PlexError, type PlexErrorDetails } from './PlexError.js';
import { PlexPermanentError } from './PlexPermanentError.js';
import { PlexServerDown } from './PlexServerDown.js';
import { PlexTemporaryError } from './PlexTemporaryError.js';
import { PlexTimeout } from './PlexTimeout.js';

type ErrorClass = new (message: string, details: PlexErrorDetails) => PlexError;

/** Which public error each failure becomes once the attempts are spent. */
const classFor: Readonly<Record<FailureCode, ErrorClass>> = {
  CONNECT_TIMEOUT: PlexTimeout,
  READ_TIMEOUT: PlexTimeout,
  DEADLINE: PlexTimeout,
  ECONNREFUSED: PlexServerDown,
  DNS_FAILURE: PlexServerDown,
  UNREACHABLE: PlexServerDown,
  ECONNRESET: PlexTemporaryError,
  SOCKET_CLOSED: PlexTemporaryError,
  BODY_TRUNCATED: PlexTemporaryError,
  EPIPE: PlexTemporaryError,
  BODY_TOO_LARGE: PlexPermanentError,
  BAD_HTTP: PlexPermanentError,
  CLIENT_CLOSED: PlexError,
  ABORTED: PlexError,
  UNKNOWN: PlexError,
};

/**
 * The public error for a request that failed below HTTP. `secret` is
 * scrubbed from the text of errors we did not write ourselves.
 */
export function errorForFailure(failure: AttemptFailure, attempts: number, secret: string | undefined): PlexError {
  const cause = failure.cause;
  const detail = cause instanceof Error && cause.message ? `: ${redactText(cause.message, secret)}` : '';
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  const message = `GET ${failure.url} failed after ${tries}: ${failure.message}${detail}`;
  const ErrorClass = classFor[failure.code];
  const error = new ErrorClass(message, { url: failure.url, code: failure.code, attempts, cause: failure });
  if (error instanceof PlexTimeout) {
    error.phase =
      cause instanceof ReadTimeoutError ? cause.phase : cause instanceof DeadlineError ? 'deadline' : 'connect';
  }
  return error;
}
