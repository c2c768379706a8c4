/** What every PlexError carries besides its message. */
export interface PlexErrorDetails {
  /** The request URL, token redacted. */
  readonly url: string;
  /** A stable name for what went wrong: HTTP_503, ECONNRESET, READ_TIMEOUT, XML_MALFORMED, … */
  readonly code: string;
  /** How many attempts were made (1 when the first answer was final). */
  readonly attempts: number;
  /** The HTTP status, when the server answered with one. */
  readonly status?: number;
  readonly cause?: unknown;
}

/**
 * Base of every error the client throws. The message, url and every field
 * are token-free, and toJSON keeps serialization to those fields, so a
 * logged or JSON-encoded error never carries the secret.
 */
export class PlexError extends Error {
  override name = 'PlexError';
  readonly url: string;
  readonly code: string;
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
