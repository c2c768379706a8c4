import { DelegateBackoff, handleWhen, type RetryPolicy, retry } from 'cockatiel';
import type { AttemptFailure } from '../errors/errors.js';
import { failureDescription } from '../http/failureCode.js';
import type { PlexLogger } from '../logger.js';
import { backoffDelay, type RandomSource } from './backoffDelay.js';
import { isRetriable } from './isRetriable.js';

/** Attempts per request, the first included (tenacity's stop_after_attempt(3)). */
export const MAX_ATTEMPTS = 3;

/**
 * The retry policy for every GET: connection-class failures only, at most
 * three attempts, tenacity's jittered exponential waits. Before each wait
 * the logger gets one warning naming the attempt, the wait, the failure
 * and the (already redacted) URL.
 */
export function retryPolicy(random: RandomSource, logger: PlexLogger): RetryPolicy {
  const policy = retry(handleWhen(isRetriable), {
    maxAttempts: MAX_ATTEMPTS - 1,
    backoff: new DelegateBackoff((context: { attempt: number }) => backoffDelay(context.attempt, random)),
  });
  policy.onRetry((event) => {
    if (!('error' in event)) return;
    const failure = event.error as AttemptFailure;
    logger.warn(
      `plexmatch: ${failure.method} ${failure.url} attempt ${event.attempt}/${MAX_ATTEMPTS} failed: ` +
        `${failureDescription[failure.code]} (${failure.code}); retrying in ${Math.round(event.delay)} ms`,
    );
  });
  return policy;
}
