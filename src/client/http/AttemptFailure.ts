import { classifyFailure, type FailureCode, failureDescription } from './failureCode.js';

/**
 * One failed attempt below HTTP, already classified. Internal: the retry
 * policy decides on `code`, the warning names `url`, and errorForFailure
 * turns the last one into a public PlexError.
 */
export class AttemptFailure extends Error {
  override name = 'AttemptFailure';
  readonly code: FailureCode;
  /** The request URL with the token already redacted. */
  readonly url: string;

  constructor(cause: unknown, url: string) {
    const code = classifyFailure(cause);
    super(`${failureDescription[code]} (${code})`, { cause });
    this.code = code;
    this.url = url;
  }
}
