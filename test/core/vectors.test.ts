import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadVectors } from '../../src/harness/vectors/loadVectors.js';
import { runVector } from '../../src/harness/vectors/runVector.js';

// The language-neutral vectors of docs/matching.md §6, written from the spec, not from this code.
const vectors = loadVectors([join(import.meta.dirname, '..', '..', 'scenarios', 'matching')]);

describe('matching vectors', () => {
  it('has at least 60 of them', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(60);
  });

  for (const loaded of vectors) {
    it(`${loaded.vector.name}: ${loaded.vector.why}`, () => {
      const outcome = runVector(loaded);
      expect(outcome.differences, `${loaded.file}\n${outcome.actual.message ?? ''}`).toEqual([]);
    });
  }
});
