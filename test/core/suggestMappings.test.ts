import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exactKeyOfFile,
  MatchInputError,
  matchInIndex,
  PathIndex,
  type PlexItem,
  suggestMappings,
} from '../../src/core/index.js';
import { loadFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { resolveFixtureSet, shippedFixtureNames } from '../../src/harness/fixtures/resolveFixtureSet.js';
import { LibraryIndex, matchPath } from '../../src/index.js';

// docs/matching.md §8: suggestMappings infers the prefix mappings from a sample of the
// application's paths. What it suggests must be the mappings actually in play, never one made up
// from noise or from a file name many folders share, and must match every path it claims.

let next = 1;
function item(...files: string[]): PlexItem {
  const n = next++;
  return {
    ratingKey: String(n),
    key: `/library/metadata/${n}`,
    type: 'movie',
    title: `Item ${n}`,
    media: files.map((file, m) => ({ id: `${n}${m}`, parts: [{ id: `${n}${m}0`, file }] })),
  };
}

/** Every sample path the suggestion claims, mapped with its rules, is exactly a Part file. */
function expectClaimsHold(index: PathIndex, paths: readonly string[], suggestion: ReturnType<typeof suggestMappings>) {
  const mappings = suggestion.mappings.map(({ from, to }) => ({ from, to }));
  const unexplained = new Set(suggestion.unexplained.samples.map((s) => s.path));
  const unusable = new Set(suggestion.unusable.samples.map((s) => s.path));
  let matched = 0;
  for (const path of paths) {
    if (unusable.has(path)) {
      expect(() => matchInIndex(index, path, { mappings }), path).toThrow(MatchInputError);
      continue;
    }
    const outcome = matchInIndex(index, path, { mappings });
    if (outcome.status === 'matched' && outcome.strategy === 'exact') matched += 1;
    else expect(unexplained.size === suggestion.unexplained.count ? unexplained.has(path) : true, path).toBe(true);
  }
  const claimed = suggestion.mappings.reduce((sum, m) => sum + m.matched, 0);
  expect(matched).toBeGreaterThanOrEqual(claimed);
}

describe('suggestMappings: the issue’s case', () => {
  // Two library folders, seen by the application under two unrelated prefixes; 30 items whose file
  // is movie.mkv; 90 paths of the application that Plex does not have (a third of them movie.mkv).
  const items: PlexItem[] = [];
  for (let i = 0; i < 200; i += 1) {
    items.push(item(`/data/Movies/Film ${i} (2001)/Film ${i} (2001).mkv`));
    items.push(item(`/data/Movies4K/UHD ${i} (2019)/UHD ${i} (2019) - 2160p.mkv`));
  }
  for (let i = 0; i < 30; i += 1) items.push(item(`/data/${i % 2 === 0 ? 'Movies' : 'Movies4K'}/Same ${i}/movie.mkv`));
  const index = PathIndex.fromItems(items);
  const paths: string[] = [];
  for (let i = 0; i < 200; i += 3) {
    paths.push(`/mnt/user/media/movies/Film ${i} (2001)/Film ${i} (2001).mkv`);
    paths.push(`/srv/uhd/UHD ${i} (2019)/UHD ${i} (2019) - 2160p.mkv`);
  }
  for (let i = 0; i < 30; i += 1)
    paths.push(`${i % 2 === 0 ? '/mnt/user/media/movies' : '/srv/uhd'}/Same ${i}/movie.mkv`);
  for (let i = 0; i < 90; i += 1)
    paths.push(`/mnt/user/downloads/incoming ${i}/${i % 3 === 0 ? 'movie.mkv' : `not in plex ${i}.mkv`}`);

  it('finds exactly the two rules, none for the noise, and says why the noise is unexplained', () => {
    const suggestion = suggestMappings(index, paths);
    expect(suggestion.mappings.map(({ from, to, matched }) => ({ from, to, matched }))).toEqual([
      { from: '/mnt/user/media/movies', to: '/data/Movies', matched: 67 + 15 },
      { from: '/srv/uhd', to: '/data/Movies4K', matched: 67 + 15 },
    ]);
    expect(suggestion.unexplained.count).toBe(90);
    expect(suggestion.unexplained.byReason).toMatchObject({ not_in_plex: 60, ambiguous: 30 });
    expect(suggestion.mappings[0]?.examples[0]).toEqual({
      path: '/mnt/user/media/movies/Film 0 (2001)/Film 0 (2001).mkv',
      file: '/data/Movies/Film 0 (2001)/Film 0 (2001).mkv',
    });
    expectClaimsHold(index, paths, suggestion);
  });

  it('a shared file name alone is no evidence: 30 movie.mkv paths under a new prefix suggest nothing', () => {
    const shared = Array.from({ length: 30 }, (_, i) => `/elsewhere/Other ${i}/movie.mkv`);
    const suggestion = suggestMappings(index, shared);
    expect(suggestion.mappings).toEqual([]);
    expect(suggestion.unexplained.byReason.ambiguous).toBe(30);
  });

  it('one path is not a rule (minPaths, default 2); with minPaths 1 it is', () => {
    const one = ['/mnt/user/media/movies/Film 1 (2001)/Film 1 (2001).mkv'];
    expect(suggestMappings(index, one).unexplained.byReason.too_little_evidence).toBe(1);
    expect(suggestMappings(index, one, { minPaths: 1 }).mappings).toHaveLength(1);
  });

  it('paths that already are Plex’s need no rule; bad input is a named error', () => {
    expect(suggestMappings(index, ['/data/Movies/Film 1 (2001)/Film 1 (2001).mkv', 'relative.mkv'])).toMatchObject({
      mappings: [],
      unchanged: 1,
      unexplained: { count: 0 },
      unusable: {
        count: 1,
        samples: [{ path: 'relative.mkv', reason: expect.stringMatching(/^path must be absolute/) }],
      },
    });
    expect(() => suggestMappings(index, '/x.mkv' as never)).toThrow(MatchInputError);
    expect(() => suggestMappings(index, [], { minPaths: 0 })).toThrow(/minPaths must be a whole number from 1/);
  });
});

describe('the property’s shrunk counterexample (also vectors in scenarios/matching/suggested-mappings.yaml)', () => {
  it('files in two library folders at once are no evidence, and the unique ones decide', () => {
    const index = PathIndex.fromItems([
      item('/uhd/Twin 0/Twin 0.mkv'),
      item('/media/Twin 0/Twin 0.mkv'),
      ...[0, 1, 2].map((i) => item(`/uhd/Title 0-${i}/Title 0-${i}.mkv`)),
      ...[0, 1, 2].map((i) => item(`/media/Title 1-${i}/Title 1-${i}.mkv`)),
      ...[1, 2, 3].map((i) => item(`/uhd/Twin ${i}/Twin ${i}.mkv`, `/media/Twin ${i}/Twin ${i}.mkv`)),
    ]);
    const paths = [
      ...[0, 1, 2].map((i) => `/media/Title 0-${i}/Title 0-${i}.mkv`),
      ...[0, 1, 2].map((i) => `/share/Title 1-${i}/Title 1-${i}.mkv`),
      ...[0, 1, 2, 3].flatMap((i) => [`/media/Twin ${i}/Twin ${i}.mkv`, `/share/Twin ${i}/Twin ${i}.mkv`]),
    ];
    const suggestion = suggestMappings(index, paths);
    expect(suggestion.mappings.map(({ from, to }) => `${from}=${to}`).sort()).toEqual(['/media=/uhd', '/share=/media']);
    expect(suggestion.unexplained.count).toBe(0);
  });
});

describe('suggestMappings across path styles', () => {
  it('Windows application, POSIX server; POSIX application, Windows and UNC servers; case and NFD', () => {
    const index = PathIndex.fromItems([
      item('/data/Movies/Amélie (2001)/Amélie (2001).mkv'),
      item('/data/Movies/Heat (1995)/Heat (1995).mkv'),
      item('/data/Movies/Up (2009)/Up (2009).mkv'),
      item('D:\\Media\\TV\\Show\\Season 01\\Show - S01E01.mkv'),
      item('D:\\Media\\TV\\Show\\Season 01\\Show - S01E02.mkv'),
      item('\\\\NAS\\media\\Music Videos\\a.mp4'),
      item('\\\\NAS\\media\\Music Videos\\b.mp4'),
    ]);
    const paths = [
      'M:\\Movies\\Ame\u0301lie (2001)\\Ame\u0301lie (2001).mkv', // NFD on the application's side
      'M:\\Movies\\Heat (1995)\\Heat (1995).mkv',
      'M:/Movies/Up (2009)/Up (2009).mkv', // either separator on Windows
      '/mnt/tv/show/season 01/show - s01e01.mkv', // the server is Windows: case does not matter
      '/mnt/tv/Show/Season 01/Show - S01E02.mkv',
      '/srv/mv/a.mp4',
      '/srv/mv/b.mp4',
    ];
    const suggestion = suggestMappings(index, paths);
    expect(suggestion.mappings.map(({ from, to, matched }) => ({ from, to, matched }))).toEqual([
      // The heads that differ: Movies is Movies on both sides, and tv is TV on a Windows server.
      { from: 'M:\\', to: '/data', matched: 3 },
      { from: '/srv/mv', to: '\\\\NAS\\media\\Music Videos', matched: 2 },
      { from: '/mnt', to: 'D:\\Media', matched: 2 },
    ]);
    expect(suggestion.unexplained.count).toBe(0);
    expectClaimsHold(index, paths, suggestion);
  });

  it('rules respect component boundaries: /data2 is not under /data', () => {
    const index = PathIndex.fromItems([
      item('/data/x/a.mkv'),
      item('/data/x/b.mkv'),
      item('/data2/y/c.mkv'),
      item('/data2/y/d.mkv'),
    ]);
    const suggestion = suggestMappings(index, ['/m/x/a.mkv', '/m/x/b.mkv', '/n/y/c.mkv', '/n/y/d.mkv']);
    expect(suggestion.mappings.map(({ from, to }) => `${from}=${to}`).sort()).toEqual(['/m=/data', '/n=/data2']);
  });
});

describe('proof on the shipped fixtures: prefix-swapped samples, rules passed back to matchPath', () => {
  it.each(shippedFixtureNames())('%s', async (name) => {
    const set = loadFixtureSet(resolveFixtureSet(name));
    const files = [
      ...new Set(
        set.responses
          .filter((r) => r.paged)
          .flatMap((r) => [...r.body.matchAll(/ file="([^"]*)"/g)].map((m) => m[1] as string)),
      ),
    ].map((f) =>
      f
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'"),
    );
    const index = LibraryIndex.fromItems(files.map((file) => item(file)));
    // Every Plex folder two levels above a file becomes an application prefix of its own, /app/pN.
    const prefixes = new Map<string, string>();
    const swapped = files.map((file) => {
      const parts = file.split(/[\\/]/);
      const plexPrefix = file.slice(0, file.length - parts.slice(-2).join('/').length - 1);
      if (!prefixes.has(plexPrefix)) prefixes.set(plexPrefix, `/app/p${prefixes.size}`);
      return `${prefixes.get(plexPrefix)}/${parts.slice(-2).join('/')}`;
    });
    const suggestion = index.suggestMappings(swapped, { minPaths: 1 });
    expect(suggestion.mappings).toHaveLength(prefixes.size);
    expect(suggestion.unexplained.count).toBe(0);
    const mappings = suggestion.mappings.map(({ from, to }) => ({ from, to }));
    for (const path of swapped) {
      const result = await matchPath(index, path, { mappings });
      expect(result, path).toMatchObject({ status: 'matched', strategy: 'exact' });
    }
    expect(suggestion.mappings.reduce((sum, m) => sum + m.matched, 0)).toBe(swapped.length);
  });
});

// Random sections in up to three library folders, each seen by the application under another
// prefix (POSIX, drive or UNC on either side, 1–3 levels), with shared file names and up to 20%
// noise: the suggestion is exactly the swaps used.
const WORDS = ['media', 'Movies', 'tv', 'Films', 'uhd', 'Vidéos', 'share', 'plex', 'library', 'Kids', 'nas', 'pool'];
const prefixArb = (style: 'posix' | 'drive' | 'unc') =>
  fc
    .uniqueArray(fc.constantFrom(...WORDS), { minLength: style === 'unc' ? 2 : 1, maxLength: 3 })
    .chain((words) => fc.constantFrom('C', 'D', 'M').map((drive) => ({ style, words, drive })));
const styleArb = fc.constantFrom<'posix' | 'drive' | 'unc'>('posix', 'posix', 'drive', 'unc');
const write = (p: { style: 'posix' | 'drive' | 'unc'; words: string[]; drive: string }, tail: string[]) =>
  p.style === 'posix'
    ? `/${[...p.words, ...tail].join('/')}`
    : p.style === 'drive'
      ? `${p.drive}:\\${[...p.words, ...tail].join('\\')}`
      : `\\\\${[...p.words, ...tail].join('\\')}`;
const fold = (s: string) => s.normalize('NFC').toLowerCase();

const worldArb = fc
  .record({
    swaps: fc.array(fc.record({ app: styleArb.chain(prefixArb), plex: styleArb.chain(prefixArb) }), {
      minLength: 1,
      maxLength: 3,
    }),
    sizes: fc.array(fc.integer({ min: 3, max: 12 }), { minLength: 3, maxLength: 3 }),
    shared: fc.integer({ min: 0, max: 6 }),
    twins: fc.integer({ min: 0, max: 8 }),
    noise: fc.integer({ min: 0, max: 20 }),
  })
  .filter(({ swaps }) => {
    // Distinct prefixes on each side, none inside another, and heads that differ in their last
    // word (otherwise the shorter common prefix is the rule, and the test would ask for another).
    const key = (p: { style: string; words: string[] }) =>
      `${p.style === 'posix' ? 'p' : 'w'}:${p.words.map(fold).join('/')}`;
    for (const side of ['app', 'plex'] as const) {
      const keys = swaps.map((s) => key(s[side]));
      for (const a of keys) for (const b of keys) if (a !== b && (b.startsWith(`${a}/`) || a === b)) return false;
      if (new Set(keys).size !== keys.length) return false;
    }
    return swaps.every((s) => fold(s.app.words.at(-1) as string) !== fold(s.plex.words.at(-1) as string));
  });

describe('property: the suggestion is exactly the swaps used', () => {
  it('holds for random sections, styles, shared names and noise (seed 20261129)', () => {
    fc.assert(
      fc.property(worldArb, ({ swaps, sizes, shared, twins, noise }) => {
        const items: PlexItem[] = [];
        const paths: string[] = [];
        swaps.forEach((swap, s) => {
          for (let i = 0; i < (sizes[s] as number); i += 1) {
            const tail = [`Title ${s}-${i}`, `Title ${s}-${i}.mkv`];
            items.push(item(write(swap.plex, tail)));
            paths.push(write(swap.app, tail));
          }
          for (let i = 0; i < shared; i += 1) {
            const tail = [`Shared ${s}-${i}`, 'movie.mkv'];
            items.push(item(write(swap.plex, tail)));
            paths.push(write(swap.app, tail));
          }
          // The same folder and file in every library folder (an HD and a 4K copy): equally close
          // to each, so no evidence, yet explained by the rules the other paths give.
          for (let i = 0; i < twins; i += 1) {
            const tail = [`Twin ${i}`, `Twin ${i}.mkv`];
            items.push(item(write(swap.plex, tail)));
            paths.push(write(swap.app, tail));
          }
        });
        const real = paths.length;
        const noiseCount = Math.min(noise, Math.floor(real / 4));
        for (let i = 0; i < noiseCount; i += 1)
          paths.push(`/noise/${i}/${i % 2 === 0 ? 'movie.mkv' : `nothing ${i}.mkv`}`);
        const index = PathIndex.fromItems(items);
        const suggestion = suggestMappings(index, paths);
        const got = suggestion.mappings.map((m) => `${exactKeyOfFile(m.from)}=>${exactKeyOfFile(m.to)}`).sort();
        const want = swaps
          .map((s) => `${exactKeyOfFile(write(s.app, []))}=>${exactKeyOfFile(write(s.plex, []))}`)
          .sort();
        expect(got).toEqual(want);
        expect(suggestion.unexplained.count).toBe(noiseCount);
        expectClaimsHold(index, paths, suggestion);
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });
});

// Issue 23: what matchPath refuses is no evidence, and what the suggester claims, matchPath matches.
describe('samples matchPath refuses, and Part files that give no rule', () => {
  const index = PathIndex.fromItems([
    item('/data/Movies/Sintel (2010)/Sintel (2010).mkv'),
    item('/data/Movies/Heat (1995)/Heat (1995).mkv'),
    item('/data/Movies/Up (2009)/Up (2009).mkv'),
  ]);

  it('a `.` segment makes the sample unusable, with matchPath’s reason; the rest still gives the rule', () => {
    const paths = [
      '/mnt/user/Movies/./Sintel (2010)/Sintel (2010).mkv',
      '/mnt/user/Movies/Heat (1995)/Heat (1995).mkv',
      '/mnt/user/Movies/Up (2009)/Up (2009).mkv',
      '/mnt/user/Movies/../Movies/Up (2009)/Up (2009).mkv',
      '/mnt/user/Movies/Up (2009)/',
    ];
    const suggestion = suggestMappings(index, paths);
    expect(suggestion.mappings.map(({ from, to, matched }) => ({ from, to, matched }))).toEqual([
      { from: '/mnt/user', to: '/data', matched: 2 },
    ]);
    expect(suggestion.unusable.count).toBe(3);
    expect(suggestion.unusable.samples).toEqual([
      { path: paths[0], reason: expect.stringMatching(/^path must not contain "\." or "\.\." segments/) },
      { path: paths[3], reason: expect.stringMatching(/^path must not contain "\." or "\.\." segments/) },
      { path: paths[4], reason: expect.stringMatching(/^path must name a file, not a directory/) },
    ]);
    expect(suggestion.unexplained.count).toBe(0);
    expectClaimsHold(index, paths, suggestion);
  });

  it('Part files with `.` or `..` among their folders give no rule, and nothing throws', () => {
    const dotted = PathIndex.fromItems([
      item('/data/../Movies/Heat (1995)/Heat (1995).mkv'),
      item('/data/../Movies/Up (2009)/Up (2009).mkv'),
      item('/data/../Movies/Ad Astra (2019)/Ad Astra (2019).mkv'),
      item('/data/./Films/Brazil (1985)/Brazil (1985).mkv'),
      item('/data/Films/Ran (1985)/Ran (1985).mkv'),
      item('/data/Films/Alien (1979)/Alien (1979).mkv'),
    ]);
    const paths = [
      '/mnt/Movies/Heat (1995)/Heat (1995).mkv',
      '/mnt/Movies/Up (2009)/Up (2009).mkv',
      '/mnt/Movies/Ad Astra (2019)/Ad Astra (2019).mkv',
      '/mnt/Films/Brazil (1985)/Brazil (1985).mkv',
      '/mnt/Films/Ran (1985)/Ran (1985).mkv',
      '/mnt/Films/Alien (1979)/Alien (1979).mkv',
    ];
    const suggestion = suggestMappings(dotted, paths);
    expect(suggestion.mappings.map(({ from, to }) => `${from}=${to}`)).toEqual(['/mnt=/data']);
    expect(suggestion.unexplained).toMatchObject({ count: 4, byReason: { not_in_plex: 4 } });
    expectClaimsHold(dotted, paths, suggestion);
  });
});

/** Every example of every rule (all are kept) is a path matchInIndex matches, exactly, by that rule, to that file. */
function expectEveryClaimMatches(index: PathIndex, paths: readonly string[]) {
  const suggestion = suggestMappings(index, paths, { examples: paths.length, minPaths: 1 });
  const mappings = suggestion.mappings.map(({ from, to }) => ({ from, to }));
  for (const rule of suggestion.mappings) {
    expect(rule.examples).toHaveLength(rule.matched);
    for (const { path, file } of rule.examples) {
      const outcome = matchInIndex(index, path, { mappings });
      expect({ path, status: outcome.status, strategy: outcome.strategy, from: outcome.mapping?.from }).toEqual({
        path,
        status: 'matched',
        strategy: 'exact',
        from: rule.from,
      });
      const files = outcome.item?.media.flatMap((media) => media.parts.map((part) => part.file));
      expect(files).toContain(file);
    }
  }
}

describe('property: every path a rule claims, matchPath matches with the suggested rules', () => {
  // The counterexamples the issue's sweep found: a sample with a `.` segment and a bare UNC share.
  it('named case: /share/. (a `.` segment)', () => {
    const index = PathIndex.fromItems([item('/media/.'), item('/media/a.mkv')]);
    expectEveryClaimMatches(index, ['/share/.', '/share/a.mkv']);
    expect(suggestMappings(index, ['/share/.', '/share/a.mkv'], { minPaths: 1 }).unusable.count).toBe(1);
  });

  it('named case: \\\\data\\SS (a UNC share and no file)', () => {
    const index = PathIndex.fromItems([item('/x/SS'), item('/x/SS/b.mkv')]);
    expectEveryClaimMatches(index, ['\\\\data\\SS', '\\\\data\\SS\\b.mkv']);
    expect(suggestMappings(index, ['\\\\data\\SS'], { minPaths: 1 }).mappings).toEqual([]);
  });

  it('named case: one file in two items (matchPath calls it ambiguous, so no rule may claim it)', () => {
    const index = PathIndex.fromItems([item('/data/a/x.mkv'), item('/data/a/x.mkv'), item('/data/a/y.mkv')]);
    expectEveryClaimMatches(index, ['/m/a/x.mkv', '/m/a/y.mkv']);
  });

  // Odd segments on purpose: `.`, `..`, empty, case and NFD variants, either separator, in every style.
  const SEGMENTS = ['.', '..', 'a', 'A', 'SS', 'ss', 'ß', 'e\u0301', 'é', 'x.mkv', 'X.MKV', 'share', 'data', ''];
  const pathArb = fc
    .tuple(
      fc.constantFrom('/', 'D:\\', 'd:/', '\\\\', '//'),
      fc.array(fc.constantFrom(...SEGMENTS), { minLength: 0, maxLength: 4 }),
      fc.constantFrom('/', '\\'),
    )
    .map(([root, segments, separator]) => root + segments.join(separator));
  it('holds for odd paths in every style (seed 20260523)', () => {
    fc.assert(
      fc.property(
        fc.array(pathArb, { minLength: 1, maxLength: 12 }),
        fc.array(pathArb, { minLength: 1, maxLength: 12 }),
        (files, paths) => {
          const index = PathIndex.fromItems(files.map((file) => item(file)));
          expect(() => suggestMappings(index, paths)).not.toThrow();
          expectEveryClaimMatches(index, paths);
        },
      ),
      { seed: 20260523, numRuns: 1000 },
    );
  }, 120_000); // a second or two when idle; far more on a loaded 2-core machine
});

// Issue 24: a name shared by more than the cut-off (§8.1, 64) is counted once, never looked up.
describe('a name shared by more than the cut-off costs a count, once', () => {
  it('no lookup of an over-shared name, one count for all its samples, and the rule still found', () => {
    const index = PathIndex.fromItems([
      ...Array.from({ length: 100 }, (_, i) => item(`/data/Movies/Shared ${i}/movie.mkv`)),
      ...Array.from({ length: 5 }, (_, i) => item(`/data/Movies/Film ${i}/Film ${i}.mkv`)),
    ]);
    const count = index.count.bind(index);
    const lookup = index.lookup.bind(index);
    const counted: string[] = [];
    const looked: string[] = [];
    let inCount = false; // a lookup the index's own count makes is the index's business, not the suggester's
    index.count = (kind, key) => {
      counted.push(`${kind} ${key}`);
      inCount = true;
      try {
        return count(kind, key);
      } finally {
        inCount = false;
      }
    };
    index.lookup = (kind, key) => {
      if (!inCount) looked.push(`${kind} ${key}`);
      return lookup(kind, key);
    };
    const shared = Array.from({ length: 500 }, (_, i) => `/mnt/movies/Shared ${i % 100}/movie.mkv`);
    const unique = Array.from({ length: 5 }, (_, i) => `/mnt/movies/Film ${i}/Film ${i}.mkv`);
    const suggestion = suggestMappings(index, [...shared, ...unique]);
    expect(suggestion.mappings.map(({ from, to }) => `${from}=${to}`)).toEqual(['/mnt/movies=/data/Movies']);
    expect(looked.filter((key) => key.endsWith(' movie.mkv'))).toEqual([]);
    expect(counted.filter((key) => key.endsWith(' movie.mkv'))).toEqual(['name movie.mkv']);
  });
});
