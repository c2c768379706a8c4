/**
 * Every error the client makes, in one place (docs/client.md, "Errors").
 *
 * Public: the PlexError family (a request failed: what, where, how many
 * attempts), PlexConfigError (a bad argument, before any I/O) and
 * XmlFormatError (a body that is not the Plex XML asked for; it reaches
 * callers as the cause of a PlexPermanentError). Internal: the failures of
 * one attempt below HTTP, which the retry policy reads and errorForFailure
 * turns into a PlexError.
 */
import { classifyFailure, type FailureCode, failureDescription } from '../http/failureCode.js';

/** The HTTP methods the client sends: GET, and POST for the harness's set-up of a container. */
export type HttpMethod = 'GET' | 'POST';

/**
 * A stable name for what went wrong: a failure below HTTP, `HTTP_<status>`,
 * a body that is not Plex XML, a library that is not there or not one, a
 * listing whose paging cannot be trusted (docs/client.md, "Paging guards").
 */
export type PlexErrorCode =
  | FailureCode
  | `HTTP_${number}`
  | 'XML_MALFORMED'
  | 'LIBRARY_NOT_FOUND'
  | 'LIBRARY_AMBIGUOUS'
  | 'PAGING_IGNORED'
  | 'PAGING_EMPTY_PAGE'
  | 'PAGING_RUNAWAY';

/** What every PlexError carries besides its message. */
export interface PlexErrorDetails {
  /** The request URL, token redacted. */
  readonly url: string;
  readonly code: PlexErrorCode;
  /** How many attempts were made (1 when the first answer was final). */
  readonly attempts: number;
  /** The HTTP status, when the server answered with one. */
  readonly status?: number;
  readonly cause?: unknown;
}

/**
 * Base of every error a request throws. The message, url and every field
 * are token-free, and toJSON keeps serialization to those fields, so a
 * logged or JSON-encoded error never carries the secret.
 */
export class PlexError extends Error {
  override name = 'PlexError';
  readonly url: string;
  readonly code: PlexErrorCode;
  readonly attempts: number;
  readonly status?: number;

  constructor(message: string, details: PlexErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.url = details.url;
    this.code = details.code;
    this.attempts = details.attempts;
    if (details.status !== undefined) this.status = details.status;
  }

  toJSON(): Record<string, unknown> {
    const cause = this.cause;
    return {
      name: this.name,
      message: this.message,
      code: this.code,
      url: this.url,
      attempts: this.attempts,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(cause instanceof Error ? { cause: { name: cause.name, message: cause.message } } : {}),
    };
  }
}

/**
 * Trying again later may work: 429, 500, 502, 503, 504, or a connection
 * that kept failing through every attempt.
 */
export class PlexTemporaryError extends PlexError {
  override name = 'PlexTemporaryError';
  /** From a Retry-After header (429/503), in ms, when the server sent one. */
  readonly retryAfterMs?: number;

  constructor(message: string, details: PlexErrorDetails & { readonly retryAfterMs?: number | undefined }) {
    super(message, details);
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** Nothing answers at the URL: connection refused, host unreachable, or its name does not resolve. */
export class PlexServerDown extends PlexTemporaryError {
  override name = 'PlexServerDown';
}

/** Where a read timeout struck: waiting for the status line and headers, or in a silence of the body. */
export type ReadPhase = 'headers' | 'body';

/**
 * What ran out: connecting, the wait for headers, a silence of the body
 * (each per attempt), or the whole request's deadline.
 */
export type TimeoutPhase = 'connect' | ReadPhase | 'deadline';

/** Every attempt ran into connectTimeoutMs or readTimeoutMs, or the request ran past deadlineMs. */
export class PlexTimeout extends PlexTemporaryError {
  override name = 'PlexTimeout';
  readonly phase: TimeoutPhase;

  constructor(message: string, details: PlexErrorDetails & { readonly phase: TimeoutPhase }) {
    super(message, details);
    this.phase = details.phase;
  }
}

/**
 * Trying again will not help: 401/403 (token), another 4xx, a response that
 * is not the Plex XML it should be, one larger than allowed, or a listing
 * whose paging cannot be trusted.
 */
export class PlexPermanentError extends PlexError {
  override name = 'PlexPermanentError';
}

/** 404, or a library title that does not exist (the message lists those that do). */
export class PlexNotFound extends PlexPermanentError {
  override name = 'PlexNotFound';
}

/**
 * A bad argument to the client, found before any I/O. `option` names the
 * argument (url, token, connectTimeoutMs, …); the message says what was
 * expected and never repeats a token value.
 */
export class PlexConfigError extends TypeError {
  override name = 'PlexConfigError';
  readonly option: string;
  constructor(option: string, expected: string) {
    super(`PlexClient: "${option}" ${expected}`);
    this.option = option;
  }
}

/** The body is not the Plex XML we asked for. Becomes a PlexPermanentError (code XML_MALFORMED). */
export class XmlFormatError extends Error {
  override name = 'XmlFormatError';
}

// Internal: one attempt's failures below HTTP.

/** What the client's own timers and counters end an attempt with (undici's timers are off: they tick every ~0.5 s). */
const LIMITS = {
  CONNECT_TIMEOUT: (ms: number) => `connect did not finish within ${ms} ms`,
  READ_TIMEOUT: (ms: number, phase?: ReadPhase) =>
    phase === 'body' ? `response body silent for ${ms} ms` : `no response headers within ${ms} ms`,
  DEADLINE: (ms: number) => `request did not complete within its ${ms} ms deadline`,
  BODY_TOO_LARGE: (bytes: number) => `response body exceeds maxResponseBytes (${bytes} bytes)`,
} as const;

/**
 * A limit of the client hit by one attempt: connectTimeoutMs, readTimeoutMs
 * (while waiting for the headers or in a silence of the body), deadlineMs,
 * or maxResponseBytes. `code` is what classifyFailure reads.
 */
export class LimitError extends Error {
  override name = 'LimitError';
  readonly code: keyof typeof LIMITS;
  readonly phase?: ReadPhase;
  constructor(code: keyof typeof LIMITS, limit: number, phase?: ReadPhase) {
    super(LIMITS[code](limit, phase));
    this.code = code;
    if (phase !== undefined) this.phase = phase;
  }
}

/**
 * One failed attempt below HTTP, already classified: the retry policy
 * decides on `code`, the warning names `method` and `url`, and
 * errorForFailure turns the last one into a public PlexError.
 */
export class AttemptFailure extends Error {
  override name = 'AttemptFailure';
  readonly code: FailureCode;
  readonly method: HttpMethod;
  /** The request URL with the token already redacted. */
  readonly url: string;

  constructor(cause: unknown, method: HttpMethod, url: string) {
    const code = classifyFailure(cause);
    super(`${failureDescription[code]} (${code})`, { cause });
    this.code = code;
    this.method = method;
    this.url = url;
  }
}
