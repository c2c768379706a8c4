import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, MAX_ATTEMPTS } from '../../src/index.js';

// docs/client.md, "Retry": the schedule as a property over injected random values.
// The reference is tenacity's wait_exponential_jitter(initial=0.1, max=0.4, jitter=0.1), in ms.
const tenacity = (n: number, u: number): number => Math.min(100 * 2 ** (n - 1) + 100 * u, 400);
const unit = fc.double({ min: 0, max: 1, noNaN: true });

describe('backoffDelay', () => {
  it('equals tenacity’s formula for every attempt and every random value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), unit, (n, u) => {
        expect(backoffDelay(n, () => u)).toBe(tenacity(n, u));
      }),
    );
  });

  it('with three attempts waits in [100, 200] ms, then [200, 300] ms, and never reaches the 400 ms cap', () => {
    expect(MAX_ATTEMPTS).toBe(3);
    fc.assert(
      fc.property(unit, unit, (u1, u2) => {
        const first = backoffDelay(1, () => u1);
        const second = backoffDelay(2, () => u2);
        expect(first).toBeGreaterThanOrEqual(100);
        expect(first).toBeLessThanOrEqual(200);
        expect(second).toBeGreaterThanOrEqual(200);
        expect(second).toBeLessThanOrEqual(300);
        expect(first + second).toBeLessThanOrEqual(500);
      }),
    );
  });

  it('is capped at 400 ms from the third wait on, whatever the jitter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 60 }), unit, (n, u) => {
        expect(backoffDelay(n, () => u)).toBe(400);
      }),
    );
  });

  it('grows with the random value (jitter is added, not multiplied)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 }), unit, unit, (n, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(backoffDelay(n, () => hi) - backoffDelay(n, () => lo)).toBeCloseTo(100 * (hi - lo), 9);
      }),
    );
  });

  it('rejects a random source that leaves [0, 1], naming the option', () => {
    for (const bad of [-0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => backoffDelay(1, () => bad)).toThrow(/"random" option must return a number in \[0, 1\]/);
    }
  });

  it('rejects an attempt number that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5]) expect(() => backoffDelay(bad, () => 0.5)).toThrow(RangeError);
  });
});
