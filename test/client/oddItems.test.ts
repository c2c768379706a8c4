import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serverClock } from '../../src/client/http/serverClock.js';
import { parseMediaContainer } from '../../src/client/xml/parseMediaContainer.js';
import { readListingPage } from '../../src/client/xml/readListingPage.js';
import { sectionsOf } from '../../src/client/xml/toLibrarySection.js';
import { toServerIdentity } from '../../src/client/xml/toServerIdentity.js';
import { renderItem } from '../../src/harness/fixtures/renderPlexXml.js';
import { syntheticItem } from '../../src/harness/fixtures/syntheticLibrary.js';
import { pageWindow, renderPage } from '../../src/harness/server/paging.js';
import { xmlResponse } from '../../src/harness/server/response.js';
import { LibraryIndex, matchPath } from '../../src/index.js';
import { SECTIONS, SERVER_ROOT } from '../support/plexXml.js';
import { captureLogger } from '../support/recorders.js';
import { plexClient, replayServer } from '../support/servers.js';

// Bodies in the shapes real Plex servers and plugins send (docs/client.md, "Odd items"),
// written by hand for these tests.

const page = (inner: string, head = '<?xml version="1.0" encoding="UTF-8"?>\n') =>
  `${head}<MediaContainer size="1" totalSize="1" offset="0">${inner}</MediaContainer>`;
const files = (xml: string) => readListingPage(xml).items.map((i) => i.media.map((m) => m.parts.map((p) => p.file)));

/** A plugin's item: a URL for a ratingKey, two Media without ids, each with a Part whose file is empty. */
const PLUGIN_ITEM =
  '<Video ratingKey="http://plugin.example/item?id=7&amp;x=1" key="/system/services/url/lookup?url=x" type="clip" title="Trailer">' +
  '<Media container="mp4"><Part key="http://plugin.example/stream.mp4" file="" /></Media>' +
  '<Media><Part file="" /></Media></Video>';

describe('odd items, read as a reference XML parser reads them', () => {
  it('numeric references (accents, apostrophes, CJK, Telugu), raw UTF-8, &apos; and &quot;', () => {
    const xml = page(
      '<Video ratingKey="1" title="Am&#233;lie &#39;01&#39;"><Media id="1"><Part id="1" file="/m/&#26481;&#20140;/&#3108;&#3142;&#3122;&#3137;&#3095;&#3137;.mkv" /></Media></Video>' +
        '<Video ratingKey="2" title="Zoë &apos;2&apos; &quot;x&quot;"><Media id="2"><Part id="2" file="/m/Zoë &apos;2&apos;.mkv" /></Media></Video>',
    );
    const items = readListingPage(xml).items;
    expect(items.map((i) => i.title)).toEqual(["Amélie '01'", `Zoë '2' "x"`]);
    expect(files(xml)).toEqual([[['/m/東京/తెలుగు.mkv']], [["/m/Zoë '2'.mkv"]]]);
  });

  it('escaped line breaks in attributes are line breaks; literal ones are spaces, as XML says', () => {
    const xml = page(
      '<Video ratingKey="1" title="a&#xA;b&#xD;&#xA;c&#10;d" summary="x"><Media><Part file="/m/x\ny.mkv" /></Media></Video>',
    );
    const [item] = readListingPage(xml).items;
    expect(item?.title).toBe('a\nb\r\nc\nd');
    expect(item?.media[0]?.parts[0]?.file).toBe('/m/x y.mkv');
  });

  it('a file with literal percent sequences, or accents dropped, is kept exactly as sent', () => {
    const xml = page(
      '<Track ratingKey="1" title="Alfons Åberg"><Media id="1"><Part id="1" file="/music/Alfons %C3%85berg/01.mp3" /></Media></Track>' +
        '<Track ratingKey="2" title="Björk"><Media id="2"><Part id="2" file="/music/Bjrk-Jga.mp3" /></Media></Track>',
    );
    expect(files(xml)).toEqual([[['/music/Alfons %C3%85berg/01.mp3']], [['/music/Bjrk-Jga.mp3']]]);
  });

  it('a size that is not the number of children: the children are what is read', () => {
    const children = Array.from(
      { length: 45 },
      (_, i) => `<Track ratingKey="${i + 1}"><Media><Part file="/m/${i}.mp3"/></Media></Track>`,
    );
    const xml = `<MediaContainer size="92" totalSize="92">${children.join('')}</MediaContainer>`;
    const read = readListingPage(xml);
    expect(read.size).toBe(92);
    expect(read.items).toHaveLength(45);
    expect(read.childKeys).toHaveLength(45);
  });

  it('/identity with size="0" and whitespace text; declarations with single quotes, without encoding, or none', () => {
    const identity = parseMediaContainer(
      `<?xml version='1.0'?>\n<MediaContainer size="0" machineIdentifier="abc" version="1.2.3">\n  \n</MediaContainer>`,
    );
    expect(toServerIdentity(identity)).toEqual({ machineIdentifier: 'abc', version: '1.2.3' });
    for (const head of ["<?xml version='1.0' encoding='UTF-8'?>", '<?xml version="1.0"?>', '']) {
      expect(files(page('<Video ratingKey="1"><Media><Part file="/a.mkv"/></Media></Video>', head))).toEqual([
        [['/a.mkv']],
      ]);
    }
  });

  it('Video, Directory and Track mixed; Directories without ratingKey; a Video inside a Directory is not an item', () => {
    const xml =
      '<MediaContainer size="4">\t<Directory key="all" title="All episodes" />\t<Video ratingKey="1"><Media><Part file="/v.mkv"/></Media></Video>' +
      '<Directory ratingKey="9" title="Show"><OnDeck><Video ratingKey="2"><Media><Part file="/ondeck.mkv"/></Media></Video></OnDeck></Directory>' +
      '<Track ratingKey="3"><Media><Part file="/t.mp3"/></Media></Track></MediaContainer>';
    const read = readListingPage(xml);
    expect(read.items.map((i) => i.ratingKey)).toEqual(['1', '3']);
    expect(read.childKeys).toEqual([undefined, '1', '9', '3']);
    expect(read.notes).toEqual([]);
  });

  it('old servers: a Location without id; two sections sharing one uuid', () => {
    const sections = sectionsOf(
      parseMediaContainer(
        '<MediaContainer size="2"><Directory key="1" title="A" type="movie" uuid="same"><Location path="/a"/></Directory>' +
          '<Directory key="2" title="B" type="movie" uuid="same"><Location path="/b"/></Directory></MediaContainer>',
      ),
    );
    expect(sections.map((s) => [s.key, s.uuid, s.locations])).toEqual([
      ['1', 'same', [{ id: '', path: '/a' }]],
      ['2', 'same', [{ id: '', path: '/b' }]],
    ]);
  });
});

describe('the rule: an item needs a ratingKey and a Part with a file (docs/client.md, "Odd items")', () => {
  it('a plugin item (URL ratingKey, Media without id, file="") is skipped and said so; the others are read', () => {
    const xml = page(`<Video ratingKey="1"><Media><Part file="/a.mkv"/></Media></Video>${PLUGIN_ITEM}`);
    const read = readListingPage(xml);
    expect(read.items.map((i) => i.ratingKey)).toEqual(['1']);
    expect(read.notes).toEqual([
      {
        tag: 'Video',
        ratingKey: 'http://plugin.example/item?id=7&x=1',
        title: 'Trailer',
        problem: 'has no Part with a file',
        skipped: true,
      },
    ]);
    expect(read.childKeys).toEqual(['1', 'http://plugin.example/item?id=7&x=1']);
  });

  it('optional parts missing (Media and Part ids, keys, sizes) are read; a malformed optional number is left out', () => {
    const read = readListingPage(
      page(
        `<Video ratingKey="5" year="20x9" index="${'9'.repeat(400)}"><Media><Part file="/a.mkv" size="big"/></Media><Media><Part/></Media></Video>`,
      ),
    );
    expect(read.items).toEqual([
      {
        ratingKey: '5',
        key: '/library/metadata/5',
        type: 'video',
        title: '',
        media: [{ parts: [{ file: '/a.mkv' }] }],
      },
    ]);
    expect(read.notes.map((n) => [n.problem, n.skipped])).toEqual([
      ['year="20x9" is not an integer (read without it)', false],
      [`index="${'9'.repeat(40)}" is not an integer (read without it)`, false], // not a safe integer: no Infinity
      ['size="big" is not an integer (read without it)', false],
    ]);
  });

  it('an item dated after the server’s clock is read and noted, and is not where a refresh starts', () => {
    const clock = 1_800_000_000;
    const read = readListingPage(
      page(
        '<Video ratingKey="1" addedAt="1700000000" updatedAt="1700000100"><Media><Part file="/m/a.mkv"/></Media></Video>' +
          '<Video ratingKey="2" addedAt="1700000000" updatedAt="4102444800"><Media><Part file="/m/b.mkv"/></Media></Video>' +
          '<Video ratingKey="3" addedAt="99999999999999"><Media><Part file="/m/c.mkv"/></Media></Video>',
      ),
      'matching',
      clock,
    );
    expect(read.items.map((i) => i.ratingKey)).toEqual(['1', '2', '3']);
    expect(read.newestChange).toBe(1_700_000_100);
    expect(read.notes.map((n) => [n.ratingKey, n.skipped, n.problem])).toEqual([
      [
        '2',
        false,
        "is dated after the server's clock (4102444800, 2100-01-01T00:00:00.000Z); incremental refreshes do not start from its date",
      ],
      [
        '3',
        false,
        "is dated after the server's clock (99999999999999); incremental refreshes do not start from its date",
      ],
    ]);
    // The clock is the answer's Date header, or without a readable one, ours.
    expect(serverClock({ date: 'Thu, 01 Jan 2026 00:00:00 GMT' }, 0)).toBe(1_767_225_600);
    expect(serverClock({}, 1_767_225_600_999)).toBe(1_767_225_600);
    expect(serverClock({ date: 'yesterday' }, 1_767_225_600_000)).toBe(1_767_225_600);
  });

  it('an item without a ratingKey is skipped', () => {
    const read = readListingPage(page('<Video title="Lost"><Media><Part file="/a.mkv"/></Media></Video>'));
    expect(read.items).toEqual([]);
    expect(read.notes).toEqual([{ tag: 'Video', title: 'Lost', problem: 'has no ratingKey', skipped: true }]);
  });

  it('one odd item anywhere in a listing changes what is read by exactly that item', () => {
    const odd = fc.constantFrom(
      PLUGIN_ITEM,
      '<Video title="no key"><Media><Part file="/x.mkv"/></Media></Video>',
      '<Video ratingKey="77777"><Media id="1"/></Video>',
      '<Track ratingKey="88888"></Track>',
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.nat(), odd, (count, at, element) => {
        const rendered = Array.from({ length: count }, (_, i) => renderItem(syntheticItem(i, { seed: 2 })));
        const plain = readListingPage(renderPage(rendered, { start: 0, size: undefined }, ''));
        const withOdd = [...rendered];
        withOdd.splice(at % (count + 1), 0, element);
        const read = readListingPage(renderPage(withOdd, { start: 0, size: undefined }, ''));
        expect(read.items).toEqual(plain.items);
        expect(read.notes.filter((n) => n.skipped)).toHaveLength(1);
      }),
    );
  });

  it('a 10k-item section with one plugin item scans, indexes and matches the others; the odd one is reported once', async (ctx) => {
    const rendered = Array.from({ length: 10_000 }, (_, i) => renderItem(syntheticItem(i, { seed: 4 })));
    rendered.splice(5_123, 0, PLUGIN_ITEM);
    const server = await replayServer(ctx, {
      respond: (request) => {
        if (request.path === '/') return xmlResponse(SERVER_ROOT);
        if (request.path === '/library/sections') return xmlResponse(SECTIONS);
        if (request.path !== '/library/sections/1/all') return undefined;
        return xmlResponse(renderPage(rendered, pageWindow(request), ''));
      },
    });
    const logger = captureLogger();
    const library = await plexClient(ctx, server.url, undefined, { logger }).getLibrary('Movies');
    const index = await LibraryIndex.fromLibrary(library);
    expect(index.size).toBe(10_000);
    expect(index.skipped.map((n) => n.ratingKey)).toEqual(['http://plugin.example/item?id=7&x=1']);
    for (const i of [0, 5_122, 5_123, 9_999]) {
      const file = syntheticItem(i, { seed: 4 }).media[0]?.parts[0]?.file as string;
      expect((await matchPath(index, file)).item?.ratingKey).toBe(String(1000 + i));
    }
    await library.all(); // a second scan of the same library says nothing new
    const said = logger.lines.filter((line) => line.includes('plugin.example'));
    expect(said).toEqual([
      'plexmatch: library "Movies": skipped <Video ratingKey="http://plugin.example/item?id=7&x=1" title="Trailer">: it has no Part with a file',
    ]);
  });
});
