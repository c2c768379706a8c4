/**
 * The wait before the next attempt, in ms: tenacity's
 * `wait_exponential_jitter(initial=0.1, max=0.4, jitter=0.1)`, which the
 * original client used, computes after failed attempt n (1-based)
 *
 *     min(initial * 2^(n-1) + uniform(0, jitter), max)
 *
 * so with three attempts the waits are in [100, 200] and [200, 300] ms and
 * the 400 ms cap is never reached.
 */
const BACKOFF_INITIAL_MS = 100;
const BACKOFF_JITTER_MS = 100;
const BACKOFF_MAX_MS = 400;

/** A source of uniform numbers in [0, 1], like Math.random. */
export type RandomSource = () => number;

export function backoffDelay(failedAttempt: number, random: RandomSource): number {
  if (!Number.isInteger(failedAttempt) || failedAttempt < 1) {
    throw new RangeError(`backoffDelay: failedAttempt must be an integer >= 1, got ${failedAttempt}`);
  }
  const u = random();
  if (!(u >= 0 && u <= 1)) {
    throw new RangeError(`the "random" option must return a number in [0, 1], got ${u}`);
  }
  return Math.min(BACKOFF_INITIAL_MS * 2 ** (failedAttempt - 1) + BACKOFF_JITTER_MS * u, BACKOFF_MAX_MS);
}
