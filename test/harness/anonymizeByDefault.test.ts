import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import { resolveFixtureSet } from '../../src/harness/fixtures/resolveFixtureSet.js';
import { Anonymizer } from '../../src/harness/record/anonymizer.js';
import { anonymizeXml } from '../../src/harness/record/anonymizeXml.js';
import { grepTree } from '../support/grepTree.js';
import { runMain } from '../support/runMain.js';
import { replayServer } from '../support/servers.js';

// docs/fixtures.md, "Anonymized sets: the threat model": --anonymize rewrites every value it does not
// know to be safe. This listing holds what the first anonymizer let through: slugs, an edition title,
// a Role (a character's name, a person's id and image), an Image's alt text, a Rating, single-quoted
// values, and attributes named like Object.prototype members.
const SINTEL = '/home/alice/Movies/Sintel (2010)/Sintel (2010).mkv';
const LISTING = `<?xml version="1.0" encoding="UTF-8"?>
<!-- recorded for alice@example.org -->
<MediaContainer size="2" totalSize="2" offset="0" librarySectionID="1" librarySectionTitle="Movies" mediaTagVersion="1700000000">
<Video ratingKey="101" key="/library/metadata/101" guid="plex://movie/5d776b59ad5437001f79c6f8" slug="sintel" type="movie" title='Sintel' editionTitle="Director's Cut" year="2010" addedAt="1612345678" updatedAt="1698765432" lastViewedAt="1701234567" thumb="/library/metadata/101/thumb/1698765432" toString="Blender" constructor="Foundation" valueOf="Amsterdam">
<Media id="5001" duration="888000" videoResolution="1080" container="mkv"><Part id="6001" key="/library/parts/6001/1612345678/file.mkv" file='${SINTEL}' size="1234567890" duration="888000" container="mkv"/></Media>
<Image alt="Sintel poster" type="coverPoster" url="/library/metadata/101/thumb/1698765432"/>
<Rating image="imdb://image.rating" value="7.4" type="audience"/>
<Role id="43210" tag="Halina Reijn" tagKey="5d7768255ab2e7001ee6e5f4" role="Sintel the Warrior" thumb="https://metadata-static.plex.tv/people/5d7768255ab2e7001ee6e5f4.jpg"/>
<Guid id="imdb://tt1727587"/>
<Summary><![CDATA[Sintel searches Ishtar for her dragon]]></Summary>
</Video>
<Video ratingKey="102" key="/library/metadata/102" guid="plex://movie/5d776b5a96b655001fe1a3f1" slug="big-buck-bunny" grandparentSlug="peach-open-movie" type="movie" title="Big Buck Bunny" year="2008" addedAt="1612349999" updatedAt="1698769999">
<Media id="5002" duration="596000"><Part id="6002" key="/library/parts/6002/1612349999/file.mp4" file="/home/alice/Movies/Big Buck Bunny (2008)/bunny.mp4" size="276134947" duration="596000"/></Media>
</Video>
</MediaContainer>`;

/** What the source says that the anonymized set must not: words, slugs, person ids, GUIDs, times. */
const SECRETS = [
  'sintel',
  'big-buck-bunny',
  'peach-open-movie',
  'bunny',
  'buck',
  'peach',
  'blender',
  'foundation',
  'amsterdam',
  'halina',
  'reijn',
  'warrior',
  'ishtar',
  'dragon',
  'alice',
  'example',
  '5d776b59ad5437001f79c6f8',
  '5d776b5a96b655001fe1a3f1',
  '5d7768255ab2e7001ee6e5f4',
  'tt1727587',
  '43210',
  '1612345678',
  '1698765432',
  '1701234567',
  '1612349999',
  '1698769999',
  '1700000000',
];

describe('--anonymize refuses by default', () => {
  it('rewrites every value it does not know, in either quote style; match still finds the real path', async (ctx) => {
    const set = loadFixtureSet(resolveFixtureSet('linux-docker'));
    const responses = set.responses.map((r) =>
      r.paged === true && r.request.path === '/library/sections/1/all' ? { ...r, body: LISTING } : r,
    );
    const server = await replayServer(ctx, { respond: fixtureResponder({ ...set, responses }) });
    const out = join(mkdtempSync(join(tmpdir(), 'plexmatch-anon-default-')), 'set');
    const record = await runMain(['record', '--url', server.url, '--out', out, '--library', 'Movies', '--anonymize']);
    expect(record.code, record.stderr.join('\n')).toBe(0);
    // Case-insensitively: grepTree compares bytes, so every file is also read folded.
    for (const secret of SECRETS) {
      expect(grepTree(out, secret), secret).toEqual([]);
      expect(grepTree(out, secret.toUpperCase()), secret).toEqual([]);
      expect(grepTree(out, secret[0]?.toUpperCase() + secret.slice(1)), secret).toEqual([]);
    }
    const match = await runMain(['match', '--fixture', out, '--library', 'Movies', '--json', SINTEL]);
    expect(match.code, match.stderr.join('\n')).toBe(0);
    expect(JSON.parse(match.stdout.join('\n'))).toMatchObject({ status: 'matched', ratingKey: '101' });
  });

  it('keeps what replay needs: ids, kinds, counts, API paths, media description; a slug follows its title', () => {
    const anonymizer = new Anonymizer(Buffer.alloc(32, 7));
    const body = anonymizeXml(anonymizer, LISTING, new Set(['Movies']));
    expect(body).not.toContain('<!--');
    for (const kept of [
      'ratingKey="101"',
      'key="/library/metadata/101"',
      'type="movie"',
      'totalSize="2"',
      'librarySectionTitle="Movies"',
      'videoResolution="1080"',
      'container="mkv"',
      '<Media id="5001"',
      '<Part id="6001"',
      'image="imdb://image.rating"',
      'https://metadata-static.plex.tv/people/',
    ])
      expect(body).toContain(kept);
    const title = /<Video ratingKey="101"[^>]*?title='([^']*)'/.exec(body)?.[1] as string;
    expect(title).toMatch(/^[A-Z][a-z]{7,}$/);
    expect(body).toContain(`slug="${title.toLowerCase()}"`);
    expect(body).toMatch(/<Rating [^>]*value="7\.0"/);
    // The CDATA section is now escaped text, still readable by the client.
    expect(body).toMatch(/<Summary>[A-Z][a-z]{7,}( [A-Za-z]{8,}){5}<\/Summary>/);
  });
});
