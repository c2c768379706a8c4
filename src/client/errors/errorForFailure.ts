import { type FailureCode, isParserAssertion } from '../http/failureCode.js';
import {
  type AttemptFailure,
  LimitError,
  PlexError,
  type PlexErrorDetails,
  PlexPermanentError,
  PlexServerDown,
  PlexTemporaryError,
  PlexTimeout,
  type TimeoutPhase,
} from './errors.js';

/** Which public error each failure becomes once the attempts are spent. */
const classFor: Readonly<Record<FailureCode, 'timeout' | 'down' | 'temporary' | 'permanent' | 'other'>> = {
  CONNECT_TIMEOUT: 'timeout',
  READ_TIMEOUT: 'timeout',
  DEADLINE: 'timeout',
  ECONNREFUSED: 'down',
  DNS_FAILURE: 'down',
  UNREACHABLE: 'down',
  ECONNRESET: 'temporary',
  SOCKET_CLOSED: 'temporary',
  BODY_TRUNCATED: 'temporary',
  EPIPE: 'temporary',
  BODY_TOO_LARGE: 'permanent',
  BAD_HTTP: 'permanent',
  CLIENT_CLOSED: 'other',
  ABORTED: 'other',
  TLS_NOT_TLS: 'permanent',
  TLS_CERT_UNTRUSTED: 'permanent',
  TLS_CERT_NAME: 'permanent',
  TLS_CERT_EXPIRED: 'permanent',
  TLS_HANDSHAKE: 'permanent',
  // Not met by any failure the tests sweep (test/client/oddPeers.test.ts); should undici throw
  // something new, it is a failed exchange that trying again later may mend, never unclassified.
  UNKNOWN: 'temporary',
};

const PARSER_ASSERTION =
  ": undici's HTTP/1.1 parser could not follow the answer (a 101 Switching Protocols to a plain GET, or a status below 100, does this)";

/** Failures whose own words say it all: the cause's message is left out of ours. */
const QUIET_CAUSES: ReadonlySet<FailureCode> = new Set<FailureCode>([
  'TLS_NOT_TLS',
  'TLS_CERT_UNTRUSTED',
  'TLS_CERT_EXPIRED',
]);

function phaseOf(cause: unknown): TimeoutPhase {
  if (!(cause instanceof LimitError)) return 'connect';
  return cause.code === 'DEADLINE' ? 'deadline' : (cause.phase ?? 'connect');
}

/** The public error for a request that failed below HTTP (the caller takes the token out: PlexHttp.redact). */
export function errorForFailure(failure: AttemptFailure, attempts: number): PlexError {
  const cause = failure.cause;
  // An assertion's own text ("false == true") says nothing to a user; what breaks it does. Nor does
  // OpenSSL's ("40DD…:error:0A00010B:SSL routines:…"); the name mismatch's text names both names, so it stays.
  const detail = isParserAssertion(cause)
    ? PARSER_ASSERTION
    : !QUIET_CAUSES.has(failure.code) && cause instanceof Error && cause.message
      ? `: ${cause.message}`
      : '';
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  const message = `${failure.method} ${failure.url} failed after ${tries}: ${failure.message}${detail}`;
  const details: PlexErrorDetails = { url: failure.url, code: failure.code, attempts, cause: failure };
  switch (classFor[failure.code]) {
    case 'timeout':
      return new PlexTimeout(message, { ...details, phase: phaseOf(cause) });
    case 'down':
      return new PlexServerDown(message, details);
    case 'temporary':
      return new PlexTemporaryError(message, details);
    case 'permanent':
      return new PlexPermanentError(message, details);
    case 'other':
      return new PlexError(message, details);
  }
}
