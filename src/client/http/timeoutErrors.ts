/**
 * The two timeouts this client enforces with its own timers (undici's own
 * timers tick every ~0.5 s; ours fire within a few ms of the set value).
 */

/** TCP connect (including name lookup) did not finish within connectTimeoutMs. */
export class ConnectTimeoutError extends Error {
  override name = 'ConnectTimeoutError';
  readonly code = 'CONNECT_TIMEOUT';
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`connect did not finish within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** Where a read timeout struck: waiting for the status line and headers, or in a silence of the body. */
export type ReadPhase = 'headers' | 'body';

/** The server was silent for readTimeoutMs while we waited for headers or the next body chunk. */
export class ReadTimeoutError extends Error {
  override name = 'ReadTimeoutError';
  readonly code = 'READ_TIMEOUT';
  readonly timeoutMs: number;
  readonly phase: ReadPhase;
  constructor(timeoutMs: number, phase: ReadPhase) {
    super(
      phase === 'headers' ? `no response headers within ${timeoutMs} ms` : `response body silent for ${timeoutMs} ms`,
    );
    this.timeoutMs = timeoutMs;
    this.phase = phase;
  }
}

/** The whole request, retries and waits included, ran past deadlineMs. */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
  readonly code = 'DEADLINE';
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`request did not complete within its ${timeoutMs} ms deadline`);
    this.timeoutMs = timeoutMs;
  }
}

/** The response declared or delivered more bytes than maxResponseBytes allows. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  readonly code = 'BODY_TOO_LARGE';
  readonly limitBytes: number;
  constructor(limitBytes: number) {
    super(`response body exceeds maxResponseBytes (${limitBytes} bytes)`);
    this.limitBytes = limitBytes;
  }
}
