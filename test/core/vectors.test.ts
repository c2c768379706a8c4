import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// The matcher under test comes from plexmatch/core alone (src/core/index.ts), nothing of the client.
import { MatchInputError, matchInIndex, PathIndex } from '../../src/core/index.js';
import { type LoadedVectorScenario, loadScenarios } from '../../src/harness/scenarios/loadScenarios.js';
import { runVector, type VectorMatcher } from '../../src/harness/vectors/runVector.js';
import { LibraryIndex } from '../../src/index.js';

const vectors = loadScenarios([join(import.meta.dirname, '..', '..', 'scenarios', 'matching')]).filter(
  (s): s is LoadedVectorScenario => s.kind === 'vector',
);

const matchers: Record<string, VectorMatcher> = {
  'plexmatch/core alone': (items, path, options) => matchInIndex(PathIndex.fromItems(items), path, options),
  'the client (LibraryIndex)': (items, path, options) => LibraryIndex.fromItems(items).match(path, options),
};

describe('the conformance vectors', () => {
  it('are all here', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(200);
  });

  for (const [name, matcher] of Object.entries(matchers)) {
    it(`pass against ${name}`, () => {
      const failed = vectors
        .map((vector) => ({ vector, outcome: runVector(vector.loaded, matcher) }))
        .filter(({ outcome }) => !outcome.passed)
        .map(({ vector, outcome }) => `${vector.name}: ${outcome.differences.join('; ')}`);
      expect(failed).toEqual([]);
    });
  }
});

describe('plexmatch/core alone checks its options', () => {
  it('null, an array or an unknown option is a MatchInputError naming it, not a TypeError', () => {
    const index = PathIndex.fromItems([]);
    for (const [options, input] of [
      [null, 'options'],
      [[], 'options'],
      [{ mappings: [], logger: console }, 'logger'],
    ] as const) {
      let error: unknown;
      try {
        matchInIndex(index, '/data/x.mkv', options as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(MatchInputError);
      expect(error).toMatchObject({ code: 'INVALID_OPTIONS', input });
    }
  });
});
