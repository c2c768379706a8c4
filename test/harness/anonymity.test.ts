import { describe, expect, it } from 'vitest';
import { loadFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import { resolveFixtureSet, shippedFixtureNames } from '../../src/harness/fixtures/resolveFixtureSet.js';
import { Anonymizer } from '../../src/harness/record/anonymizer.js';
import { anonymizeXml } from '../../src/harness/record/anonymizeXml.js';
import { recordFixtureSet } from '../../src/harness/record/recordFixtureSet.js';
import { replayServer } from '../support/servers.js';

// What --anonymize must not keep (docs/fixtures.md, "Anonymized sets: the threat model"): GUIDs and
// external ids, exact dates, durations and sizes. Each is checked attribute by attribute against
// the original, and then used the way someone holding the set would: to look a title up.

type Attributes = Record<string, string>;
interface Element {
  readonly name: string;
  readonly attributes: Attributes;
}

/** The elements of a body in order, attributes decoded only as far as the comparisons need. */
function elementsOf(body: string): Element[] {
  return [...body.matchAll(/<([A-Za-z][\w.:-]*)((?:\s+[\w.:-]+="[^"]*")*)\s*\/?>/g)].map((m) => ({
    name: m[1] as string,
    attributes: Object.fromEntries([...(m[2] as string).matchAll(/([\w.:-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
  }));
}

// A movie as a 2026 Plex answers `/library/sections/1/all?includeGuids=1`, and an episode from the
// legacy TheTVDB agent, with every attribute the threat model names.
const REAL = `<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer size="2" totalSize="2" offset="0" librarySectionID="1" librarySectionTitle="Movies" librarySectionUUID="d3bd6c8e-5e0b-4f2b-9a6b-1c2d3e4f5a6b" machineIdentifier="0123456789abcdef0123456789abcdef01234567" mediaTagVersion="1700000000">
<Video ratingKey="4242" key="/library/metadata/4242" guid="plex://movie/5d776b59ad5437001f79c6f8" type="movie" title="The Shawshank Redemption" year="1994" originallyAvailableAt="1994-09-23" rating="9.1" audienceRating="9.8" duration="8520000" addedAt="1612345678" updatedAt="1698765432" lastViewedAt="1701234567" thumb="/library/metadata/4242/thumb/1698765432" art="/library/metadata/4242/art/1698765432">
<Media id="5001" duration="8520000" bitrate="10417" videoResolution="1080">
<Part id="6001" key="/library/parts/6001/1612345678/file.mkv" duration="8520000" file="/data/Movies/The Shawshank Redemption (1994)/The Shawshank Redemption (1994).mkv" size="11094638592" />
</Media>
<Guid id="imdb://tt0111161" />
<Guid id="tmdb://278" />
<Guid id="tvdb://190" />
</Video>
<Video ratingKey="4243" key="/library/metadata/4243" guid="com.plexapp.agents.thetvdb://121361/1/1?lang=en" parentGuid="com.plexapp.agents.thetvdb://121361/1?lang=en" grandparentGuid="com.plexapp.agents.thetvdb://121361?lang=en" type="episode" title="Winter Is Coming" grandparentTitle="Game of Thrones" index="1" parentIndex="1" year="2011" originallyAvailableAt="2011-04-17" duration="3721000" addedAt="1612349999" updatedAt="1612349999">
<Media id="5002" duration="3721000" bitrate="4512">
<Part id="6002" key="/library/parts/6002/1612349999/file.mkv" duration="3721000" file="/tv/Game of Thrones/Season 01/Game of Thrones - S01E01 - Winter Is Coming.mkv" size="2098765432" />
</Media>
</Video>
</MediaContainer>`;

const HIDDEN = [
  'guid',
  'parentGuid',
  'grandparentGuid',
  'librarySectionUUID',
  'machineIdentifier',
  'year',
  'originallyAvailableAt',
  'duration',
  'bitrate',
  'rating',
  'audienceRating',
  'addedAt',
  'updatedAt',
  'lastViewedAt',
  'thumb',
  'art',
  'mediaTagVersion',
];

const anonymize = (anonymizer: Anonymizer) => anonymizeXml(anonymizer, REAL, new Set(['Movies']));
const KEYS = [Buffer.alloc(32, 1), Buffer.alloc(32, 0xa5), Buffer.from('f'.repeat(64), 'hex')];

describe('--anonymize hides ids, dates, durations and sizes', () => {
  it.each(KEYS.map((key, i) => [i, key] as const))('key %i: no such value of the original is kept', (_, key) => {
    const before = elementsOf(REAL);
    const after = elementsOf(anonymize(new Anonymizer(key)));
    expect(after.map((e) => e.name)).toEqual(before.map((e) => e.name));
    before.forEach((element, i) => {
      const twin = after[i] as Element;
      for (const name of HIDDEN) {
        if (element.attributes[name] !== undefined)
          expect(twin.attributes[name], `${element.name} ${name}`).not.toBe(element.attributes[name]);
      }
      if (element.name === 'Part') {
        expect(twin.attributes.size).not.toBe(element.attributes.size);
        expect(twin.attributes.key).not.toBe(element.attributes.key);
      }
      if (element.name === 'Guid') expect(twin.attributes.id).not.toBe(element.attributes.id);
      // The server's own numbering is what replay and matching rely on: kept.
      for (const name of ['ratingKey', 'id', 'index', 'parentIndex', 'type', 'videoResolution'])
        if (element.name !== 'Guid')
          expect(twin.attributes[name], `${element.name} ${name}`).toBe(element.attributes[name]);
    });
    const text = anonymize(new Anonymizer(key));
    for (const secret of [
      '0111161',
      '5d776b59ad5437001f79c6f8',
      '121361',
      'Shawshank',
      '(1994)',
      '8520000',
      '11094638592',
    ])
      expect(text, secret).not.toContain(secret);
    expect(text).toContain('size="2" totalSize="2"'); // a container's size is a count, not bytes
  });

  it('GUIDs and ids keep their shape; the same id is the same pseudonym everywhere', () => {
    const text = anonymize(new Anonymizer(KEYS[0] as Buffer));
    const ids = elementsOf(text)
      .filter((e) => e.name === 'Guid')
      .map((e) => e.attributes.id);
    expect(ids).toEqual([
      expect.stringMatching(/^imdb:\/\/tt\d{7}$/),
      expect.stringMatching(/^tmdb:\/\/\d{3}$/),
      expect.stringMatching(/^tvdb:\/\/\d{3}$/),
    ]);
    const [movie, episode] = elementsOf(text).filter((e) => e.name === 'Video') as [Element, Element];
    expect(movie.attributes.guid).toMatch(/^plex:\/\/movie\/[0-9a-f]{24}$/);
    expect(episode.attributes.guid).toMatch(/^com\.plexapp\.agents\.thetvdb:\/\/\d{6}\/\d\/\d\?lang=en$/);
    const show = /^com\.plexapp\.agents\.thetvdb:\/\/(\d{6})/;
    expect(show.exec(episode.attributes.parentGuid as string)?.[1]).toBe(
      show.exec(episode.attributes.guid as string)?.[1],
    );
    expect(show.exec(episode.attributes.grandparentGuid as string)?.[1]).toBe(
      show.exec(episode.attributes.guid as string)?.[1],
    );
    const container = elementsOf(text)[0] as Element;
    expect(container.attributes.machineIdentifier).toMatch(/^[0-9a-f]{40}$/);
    expect(container.attributes.librarySectionUUID).toMatch(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/);
  });

  it('times keep their order and gaps within a family; durations, sizes and ratings are rounded; years are moved together', () => {
    const anonymizer = new Anonymizer(KEYS[1] as Buffer);
    const after = elementsOf(anonymize(anonymizer));
    const before = elementsOf(REAL);
    const videos = (elements: Element[]) => elements.filter((e) => e.name === 'Video');
    const [m0, e0] = videos(before) as [Element, Element];
    const [m1, e1] = videos(after) as [Element, Element];
    const n = (e: Element, name: string) => Number(e.attributes[name]);
    expect(n(e1, 'addedAt') - n(m1, 'addedAt')).toBe(n(e0, 'addedAt') - n(m0, 'addedAt'));
    expect(n(e1, 'updatedAt') - n(m1, 'updatedAt')).toBe(n(e0, 'updatedAt') - n(m0, 'updatedAt'));
    // Each family of times has its own offset: one known time gives away only its own family.
    const shift = (name: string) => n(m0, name) - n(m1, name);
    expect(new Set([shift('addedAt'), shift('updatedAt'), shift('lastViewedAt')]).size).toBe(3);
    // A release-wide value (the same on every server of a release) is replaced, not shifted: it would give an offset away.
    const [root0, root1] = [before[0] as Element, after[0] as Element];
    const tagShift = n(root0, 'mediaTagVersion') - n(root1, 'mediaTagVersion');
    expect(root1.attributes.mediaTagVersion).toMatch(/^\d{10}$/);
    expect([shift('addedAt'), shift('updatedAt'), shift('lastViewedAt'), 0]).not.toContain(tagShift);
    expect(m1.attributes.thumb).toBe(`/library/metadata/4242/thumb/${m1.attributes.updatedAt}`);
    expect(n(m1, 'duration') % 600_000).toBe(0);
    expect(n(m1, 'duration')).toBe(8_400_000);
    expect(after.find((e) => e.name === 'Part')?.attributes.size).toBe('11000000000');
    expect(m1.attributes.rating).toBe('9.0');
    expect(m1.attributes.audienceRating).toBe('10.0');
    // The year attribute, the year in the path and the year of the date move together.
    const year = m1.attributes.year as string;
    expect(year).toMatch(/^(19|20)\d\d$/);
    expect(m1.attributes.originallyAvailableAt).toBe(`${year}-01-01`);
    const part = after.find((e) => e.name === 'Part')?.attributes.file as string;
    expect(part.match(/\((\d{4})\)/g)).toEqual([`(${year})`, `(${year})`]);
    expect(anonymizer.path('/data/Movies/The Shawshank Redemption (1994)/The Shawshank Redemption (1994).mkv')).toBe(
      part,
    );
  });

  it('the year permutation moves every year and merges none', () => {
    for (const key of KEYS) {
      const anonymizer = new Anonymizer(key);
      const years = Array.from({ length: 200 }, (_, i) => 1900 + i);
      const moved = years.map((y) => anonymizer.year(y));
      expect(moved.filter((y, i) => y === years[i])).toEqual([]);
      expect([...moved].sort()).toEqual(years);
    }
  });

  it('--keep-numbers keeps years, times, durations and sizes, and still hides ids and words', () => {
    const text = anonymize(new Anonymizer(KEYS[0] as Buffer, { keepNumbers: true }));
    for (const kept of ['year="1994"', 'duration="8520000"', 'size="11094638592"', 'addedAt="1612345678"'])
      expect(text).toContain(kept);
    for (const secret of ['tt0111161', '5d776b59ad5437001f79c6f8', 'Shawshank']) expect(text).not.toContain(secret);
  });
});

describe('recovering titles from an anonymized recording', () => {
  // The attacker holds the anonymized set and a table of the original's values (as a film database
  // would be): for each field, the titles that had each value. They recover an item when looking
  // up its value in the anonymized set gives exactly its own title.
  const FIELDS: readonly [element: string, name: string][] = [
    ['Video', 'guid'],
    ['Video', 'year'],
    ['Video', 'originallyAvailableAt'],
    ['Video', 'duration'],
    ['Video', 'addedAt'],
    ['Video', 'updatedAt'],
    ['Video', 'thumb'],
    ['Media', 'bitrate'],
    ['Part', 'size'],
    ['Part', 'key'],
  ];

  /** Per item (by ratingKey, which both sets share): its title and the value of each field. */
  function itemsOf(bodies: readonly string[]) {
    const items = new Map<string, { title: string; values: Map<string, string[]> }>();
    for (const body of bodies) {
      let current: { title: string; values: Map<string, string[]> } | undefined;
      for (const element of elementsOf(body)) {
        if (element.name === 'Video') {
          const key = element.attributes.ratingKey as string;
          current = items.get(key) ?? { title: element.attributes.title as string, values: new Map() };
          items.set(key, current);
        }
        if (current === undefined) continue;
        for (const [name, attribute] of FIELDS) {
          const value = element.attributes[attribute];
          if (element.name !== name || value === undefined) continue;
          const field = `${name}.${attribute}`;
          current.values.set(field, [...new Set([...(current.values.get(field) ?? []), value])]);
        }
      }
    }
    return items;
  }

  function recovered(original: readonly string[], anonymized: readonly string[]) {
    const before = itemsOf(original);
    const after = itemsOf(anonymized);
    const table = new Map<string, Set<string>>();
    for (const item of before.values())
      for (const [field, values] of item.values)
        for (const value of values)
          table.set(`${field}=${value}`, new Set([...(table.get(`${field}=${value}`) ?? []), item.title]));
    const found: string[] = [];
    for (const [ratingKey, item] of after) {
      const truth = before.get(ratingKey)?.title;
      for (const [field, values] of item.values) {
        for (const value of values) {
          const titles = table.get(`${field}=${value}`);
          if (titles?.size === 1 && titles.has(truth as string)) found.push(`${truth} by ${field}`);
        }
      }
    }
    return [...new Set(found)];
  }

  const record = async (ctx: Parameters<typeof replayServer>[0], name: string, anonymizer?: Anonymizer) => {
    const set = loadFixtureSet(resolveFixtureSet(name));
    const server = await replayServer(ctx, { respond: fixtureResponder(set) });
    const recorded = await recordFixtureSet({ url: server.url, name, ...(anonymizer ? { anonymizer } : {}) });
    return { original: set.responses.map((r) => r.body), recorded: recorded.responses.map((r) => r.body) };
  };

  it.for(shippedFixtureNames())('%s: no title is recovered by any id, date, duration or size', async (name, ctx) => {
    for (const key of KEYS) {
      const { original, recorded } = await record(ctx, name, new Anonymizer(key));
      expect(itemsOf(recorded).size).toBeGreaterThanOrEqual(5);
      expect(recovered(original, recorded)).toEqual([]);
    }
  });

  it('the attack works: on a plain recording it recovers titles by every field, with --keep-numbers by numbers', async (ctx) => {
    const plain = await record(ctx, 'linux-docker');
    const byField = (found: string[]) => new Set(found.map((f) => f.replace(/^.* by /, '')));
    expect(byField(recovered(plain.original, plain.recorded))).toEqual(
      new Set(FIELDS.map(([element, name]) => `${element}.${name}`)),
    );
    const kept = await record(ctx, 'linux-docker', new Anonymizer(KEYS[0] as Buffer, { keepNumbers: true }));
    const keptFields = byField(recovered(kept.original, kept.recorded));
    expect(keptFields.has('Video.duration')).toBe(true);
    expect(keptFields.has('Part.size')).toBe(true);
    expect(keptFields.has('Video.guid')).toBe(false);
  });
});
