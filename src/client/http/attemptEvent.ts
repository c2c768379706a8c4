import type { FailureCode } from './failureCode.js';

/**
 * What happened in one attempt of one request, for callers that measure
 * (the conformance harness, metrics). Times are performance.now() values.
 */
export interface AttemptEvent {
  /** The request URL, token redacted. */
  readonly url: string;
  /** 1 for the first try, 2 and 3 for retries. */
  readonly attempt: number;
  readonly startedAt: number;
  readonly endedAt: number;
  /** 'response' when an HTTP answer arrived (any status), otherwise the failure. */
  readonly outcome: 'response' | FailureCode;
  readonly status?: number;
}

export type AttemptListener = (event: AttemptEvent) => void;
