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
    const big = 'x'.repeat(100_000); // ten rows fill a 1 MB block: dropping two thirds of them compacts
    const rows = Array.from({ length: 30 }, (_, k) => store.add({ ...item(String(k), `/m/${k}.mkv`), title: big }));
    expect(store.heldBytes).toBe(3 * 2 ** 20);
    for (const row of rows.filter((_, k) => k % 3 !== 0)) store.drop(row);
    expect(store.heldBytes).toBeLessThan(3 * 2 ** 20);
    rows.forEach((row, k) => {
      if (k % 3 === 0) expect(store.get(row)?.ratingKey).toBe(String(k));
      else expect(store.get(row)).toBeUndefined();
    });
    const later = store.add(item('later', '/m/later.mkv'));
    expect(store.get(later)?.ratingKey).toBe('later');
  });

  it('stores an item larger than a block in a block of its own size, the block being filled staying in use', () => {
    const store = new ItemStore();
    const small = store.add(item('1', '/m/a.mkv'));
    const huge = { ...item('2', '/m/b.mkv'), title: 'é'.repeat(700_000) };
    const row = store.add(huge);
    const after = store.add(item('3', '/m/c.mkv'));
    expect(store.get(row)).toEqual(huge);
    expect([store.get(small)?.ratingKey, store.get(after)?.ratingKey]).toEqual(['1', '3']);
    expect(store.heldBytes).toBeLessThan(2 ** 20 + 1_400_100 + 1000); // one 1 MB block and 1.4 MB exactly
  });

  it('reads the fields of an item by name, so an item made by a class with getters is stored whole', () => {
    class Movie implements PlexItem {
      readonly #file: string;
      constructor(file: string) {
        this.#file = file;
      }
      get ratingKey() {
        return '9';
      }
      get key() {
        return '/library/metadata/9';
      }
      get type() {
        return 'movie';
      }
      get title() {
        return 'Getter';
      }
      get year() {
        return 2001;
      }
      get media() {
        return [{ parts: [{ file: this.#file }] }];
      }
    }
    const index = PathIndex.fromItems([new Movie('/m/getter.mkv')]);
    expect(index.lookup('name', 'getter.mkv')).toEqual([
      {
        ratingKey: '9',
        key: '/library/metadata/9',
        type: 'movie',
        title: 'Getter',
        year: 2001,
        media: [{ parts: [{ file: '/m/getter.mkv' }] }],
      },
    ]);
    index.remove(['9']);
    expect(index.size).toBe(0);
  });

  it('refuses, naming the item, a model number that is not finite and a value JSON cannot hold', () => {
    expect(() => PathIndex.fromItems([{ ...item('7', '/m/a.mkv'), year: Number.POSITIVE_INFINITY }])).toThrow(
      'PathIndex: item ratingKey="7": year is Infinity, expected a finite number',
    );
    expect(() => PathIndex.fromItems([{ ...item('8', '/m/a.mkv'), extra: 1n } as PlexItem])).toThrow(
      /PathIndex: item ratingKey="8" cannot be stored: .*BigInt/,
    );
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

  it('finds a lower-case key only as it is, not spelled with capitals the stored bytes happen to have', () => {
    const index = PathIndex.fromItems([item('1', '/a/Movie.mkv'), item('2', 'D:\\Films\\Clip.mkv')]);
    expect(index.count('folded', 'movie.mkv')).toBe(1);
    expect(index.count('folded', 'Movie.mkv')).toBe(0);
    expect(index.count('exact', 'd:\\films\\clip.mkv')).toBe(1);
    expect(index.count('exact', 'D:\\Films\\Clip.mkv')).toBe(0);
    expect(index.lookup('folded', 'Clip.mkv')).toEqual([]);
  });

  it('gives each item under a shared name once, even with two parts under it', () => {
    const index = PathIndex.fromItems([item('1', '/a/cd/movie.mkv', '/b/cd/movie.mkv'), item('2', '/c/movie.mkv')]);
    expect(index.lookup('name', 'movie.mkv').map((found) => found.ratingKey)).toEqual(['1', '2']);
    index.remove(['2']);
    expect(index.count('name', 'movie.mkv')).toBe(1);
  });

  it('stores the item model, not what an own toJSON returns, so later lookups and removals work', () => {
    const odd = { ...item('5', '/a/odd.mkv'), toJSON: () => 'not an item' } as PlexItem;
    const index = PathIndex.fromItems([odd]);
    expect(index.lookup('exact', '/a/odd.mkv').map((found) => found.ratingKey)).toEqual(['5']);
    expect(index.get('5')).toEqual(item('5', '/a/odd.mkv'));
    index.remove(['5']);
    expect(index.size).toBe(0);
  });

  it('refuses an item before changing anything: the item already stored under its ratingKey stays', () => {
    const index = PathIndex.fromItems([item('7', '/a/kept.mkv')]);
    expect(() => index.upsert([{ ...item('7', '/a/new.mkv'), year: Number.NaN }])).toThrow(/year is NaN/);
    expect(index.size).toBe(1);
    expect(index.lookup('exact', '/a/kept.mkv').map((found) => found.ratingKey)).toEqual(['7']);
    expect(index.count('exact', '/a/new.mkv')).toBe(0);
  });

  it('counts thousands of items under one name without decoding them, and decodes only the few asked for', () => {
    const many = Array.from({ length: 3000 }, (_, k) => item(String(k), `/s/${k}/movie.mkv`));
    const index = PathIndex.fromItems(many);
    const parse = JSON.parse;
    let decoded = 0;
    JSON.parse = ((text: string) => {
      decoded += 1;
      return parse(text);
    }) as typeof JSON.parse;
    try {
      expect(index.count('name', 'movie.mkv')).toBe(3000);
      const result = matchInIndex(index, '/elsewhere/movie.mkv');
      expect([result.status, result.candidateCount, result.reason]).toEqual(['ambiguous', 3000, 'same_name']);
      expect(decoded).toBe(0);
      expect(index.lookup('name', 'movie.mkv', 25).length).toBe(25);
      expect(decoded).toBe(25);
    } finally {
      JSON.parse = parse;
    }
  });
});
