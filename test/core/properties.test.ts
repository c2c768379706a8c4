import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapPath } from '../../src/core/paths/mapPath.js';
import { foldCase } from '../../src/core/paths/normalizeText.js';
import { formatPath, parsePath } from '../../src/core/paths/parsePath.js';
import { compileMappings } from '../../src/core/paths/pathMappings.js';
import { LibraryIndex, type PlexItem } from '../../src/index.js';
import { libraryArb, lookupArb } from '../support/arbitraries.js';
import { naiveMatch } from '../support/naiveMatcher.js';

const withLookup = libraryArb.chain((items) => fc.tuple(fc.constant(items), lookupArb(items)));

function summary(items: readonly PlexItem[], path: string) {
  const result = LibraryIndex.fromItems(items).match(path);
  return {
    status: result.status,
    strategy: result.strategy,
    ratingKeys: result.candidates.map((c) => c.ratingKey).sort(),
    count: result.candidateCount,
  };
}

describe('matcher properties', () => {
  it('the index agrees with a naive scan of every part (status, strategy, candidates)', () => {
    fc.assert(
      fc.property(withLookup, ([items, path]) => {
        const naive = naiveMatch(items, path);
        const actual = summary(items, path);
        expect(actual.status).toBe(naive.status);
        expect(actual.strategy).toBe(naive.strategy);
        expect(actual.ratingKeys).toEqual(naive.ratingKeys);
        expect(actual.count).toBe(naive.ratingKeys.length);
      }),
      { numRuns: 400 },
    );
  });

  it('never returns an item when two distinct items qualify in the deciding strategy', () => {
    fc.assert(
      fc.property(withLookup, ([items, path]) => {
        const result = LibraryIndex.fromItems(items).match(path);
        if (result.status === 'matched') expect(naiveMatch(items, path).ratingKeys).toHaveLength(1);
        if (result.candidateCount > 1) expect(result.item).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the items', () => {
    fc.assert(
      fc.property(
        withLookup.chain(([items, path]) =>
          fc.tuple(fc.constant(items), fc.constant(path), fc.shuffledSubarray(items, { minLength: items.length })),
        ),
        ([items, path, shuffled]) => {
          expect(summary(shuffled, path)).toEqual(summary(items, path));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('strategy 3 folds case and NFC/NFD alike', () => {
    const realistic = fc.string({
      unit: fc.constantFrom(..."aAbBzZéÉßẞçÇøØåÅıIİiσςΣдДЖжöÖüÜñÑ東京 .-_#[]{}%&'".split(''), 'e\u0301', 'E\u0301'),
      maxLength: 20,
    });
    fc.assert(
      fc.property(realistic, (name) => {
        const folded = foldCase(name);
        expect(foldCase(name.toUpperCase())).toBe(folded);
        expect(foldCase(name.toLowerCase())).toBe(folded);
        expect(foldCase(name.normalize('NFD'))).toBe(folded);
        expect(foldCase(name.normalize('NFC'))).toBe(folded);
        expect(foldCase(folded)).toBe(folded);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('mapping properties', () => {
  const segment = fc
    .string({ unit: fc.constantFrom(..."abcXYZé 東&'#%{}[]().-_".split('')), minLength: 1, maxLength: 8 })
    .filter((s) => s !== '.' && s !== '..' && s.trim() === s);
  const posixRoot = fc.constantFrom('/mnt/media', '/data', '/volume1/video', '/');
  const windowsRoot = fc.constantFrom('D:\\Media', 'C:\\', '\\\\NAS\\media', 'E:\\Plex Library\\Films');

  it('round-trips: A→B then B→A gives the path back (POSIX ↔ Windows, trailing separators or not)', () => {
    fc.assert(
      fc.property(
        posixRoot,
        windowsRoot,
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (a, b, rest, trailing) => {
          const from = trailing && a !== '/' ? `${a}/` : a;
          const to = trailing ? `${b}\\`.replace(/\\\\$/, '\\') : b;
          const original = `${a === '/' ? '' : a}/${rest.join('/')}`;
          const there = mapPath(parsePath(original) as never, compileMappings({ mappings: [{ from, to }] }));
          expect(there.mapping).toBeDefined();
          expect(formatPath(there.path)).toMatch(/\\/);
          const back = mapPath(there.path, compileMappings({ mappings: [{ from: to, to: from }] }));
          expect(formatPath(back.path)).toBe(original.normalize('NFC'));
        },
      ),
    );
  });

  it('is directory-boundary safe: a sibling whose name extends the prefix is never mapped', () => {
    fc.assert(
      fc.property(
        posixRoot.filter((r) => r !== '/'),
        segment,
        fc.array(segment, { minLength: 1, maxLength: 3 }),
        (root, extra, rest) => {
          const sibling = `${root}${extra}/${rest.join('/')}`;
          const mapped = mapPath(
            parsePath(sibling) as never,
            compileMappings({ mappings: [{ from: root, to: 'D:\\X' }] }),
          );
          expect(mapped.mapping).toBeUndefined();
          expect(formatPath(mapped.path)).toBe(sibling);
        },
      ),
    );
  });
});
