import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ItemStore } from '../../src/core/matcher/ItemStore.js';
import { matchInIndex } from '../../src/core/matcher/matchInIndex.js';
import { keyHash, PathIndex } from '../../src/core/matcher/PathIndex.js';
import type { PlexItem } from '../../src/core/plexItem.js';

function item(ratingKey: string, ...files: string[]): PlexItem {
  return {
    ratingKey,
    key: `/library/metadata/${ratingKey}`,
    type: 'movie',
    title: `Title ${ratingKey}`,
    media: [{ id: `m${ratingKey}`, parts: files.map((file, k) => ({ id: `${ratingKey}-${k}`, file })) }],
  };
}

describe('ItemStore', () => {
  it('gives back every item as it was stored, whatever its text', () => {
    const text = fc.string({ unit: 'binary', maxLength: 60 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, text, fc.option(fc.integer(), { nil: undefined })), { maxLength: 40 }),
        (rows) => {
          const store = new ItemStore();
          const items = rows.map(([title, file, year], k) => ({
            ...item(String(k), `/x/${file}`),
            title,
            ...(year === undefined ? {} : { year }),
          }));
          const numbers = items.map((one) => store.add(one));
          expect(numbers.map((row) => store.get(row))).toEqual(items);
        },
      ),
      { seed: 20261129, numRuns: 200 },
    );
  });

  it('keeps row numbers through compaction, and forgets dropped rows', () => {
    const store = new ItemStore();
    const big = 'x'.repeat(300_000); // three rows fill a 1 MB block: dropping them soon compacts
    const rows = Array.from({ length: 12 }, (_, k) => store.add({ ...item(String(k), `/m/${k}.mkv`), title: big }));
    expect(store.heldBytes).toBe(4 * 2 ** 20);
    for (const row of rows.filter((_, k) => k % 3 !== 0)) store.drop(row);
    expect(store.heldBytes).toBe(2 * 2 ** 20); // the four left, copied into two blocks
    rows.forEach((row, k) => {
      if (k % 3 === 0) expect(store.get(row)?.ratingKey).toBe(String(k));
      else expect(store.get(row)).toBeUndefined();
    });
    const later = store.add(item('later', '/m/later.mkv'));
    expect(store.get(later)?.ratingKey).toBe('later');
  });

  it('stores an item larger than a block', () => {
    const store = new ItemStore();
    const huge = { ...item('1', '/m/a.mkv'), title: 'é'.repeat(700_000) };
    const row = store.add(huge);
    expect(store.get(row)).toEqual(huge);
  });
});

describe('PathIndex over hashed keys', () => {
  // Two file names whose 30-bit hashes collide: the index must tell them apart by the key itself.
  const A = 'movie 41888.mkv';
  const B = 'movie 594094.mkv';

  it('never shows a hash collision', () => {
    expect(keyHash(A)).toBe(keyHash(B));
    const index = PathIndex.fromItems([item('1', `/data/one/${A}`), item('2', `/data/two/${B}`)]);
    expect(index.lookup('name', A).map((found) => found.ratingKey)).toEqual(['1']);
    expect(index.lookup('folded', B).map((found) => found.ratingKey)).toEqual(['2']);
    expect(index.count('name', A)).toBe(1);
    expect(index.count('name', 'movie 1.mkv')).toBe(0);
    const result = matchInIndex(index, `/elsewhere/${A}`);
    expect([result.status, result.item?.ratingKey]).toEqual(['matched', '1']);
    index.remove(['1']);
    expect(index.lookup('name', A)).toEqual([]);
    expect(index.lookup('name', B).map((found) => found.ratingKey)).toEqual(['2']);
  });

  it('replaces an item added again, keeps string and number-like ratingKeys apart, and keeps order', () => {
    const index = PathIndex.fromItems([
      item('12', '/a/old.mkv'),
      item('012', '/a/zero.mkv'),
      item('plex://x', '/a/plugin.mkv'),
    ]);
    index.upsert([item('12', '/a/new.mkv')]);
    expect(index.size).toBe(3);
    expect(index.lookup('exact', '/a/old.mkv')).toEqual([]);
    expect(index.get('12')?.media[0]?.parts[0]?.file).toBe('/a/new.mkv');
    expect(index.get('012')?.media[0]?.parts[0]?.file).toBe('/a/zero.mkv');
    expect(index.get('plex://x')?.title).toBe('Title plex://x');
    expect([...index.items()].map((one) => one.ratingKey)).toEqual(['012', 'plex://x', '12']);
  });

  it('gives each item under a shared name once, even with two parts under it', () => {
    const index = PathIndex.fromItems([item('1', '/a/cd/movie.mkv', '/b/cd/movie.mkv'), item('2', '/c/movie.mkv')]);
    expect(index.lookup('name', 'movie.mkv').map((found) => found.ratingKey)).toEqual(['1', '2']);
    index.remove(['2']);
    expect(index.count('name', 'movie.mkv')).toBe(1);
  });
});
