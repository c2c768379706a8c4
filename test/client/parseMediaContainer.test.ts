import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XmlFormatError } from '../../src/client/errors/errors.js';
import { parseMediaContainer } from '../../src/client/xml/parseMediaContainer.js';
import { readListingPage } from '../../src/client/xml/readListingPage.js';
import { escapeAttr } from '../support/plexXml.js';

const doc = (inner: string, attrs = 'size="1"') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer ${attrs}>${inner}</MediaContainer>`;
const video = (file: string, extra = '') =>
  `<Video ratingKey="7" key="/library/metadata/7" type="movie" title="T"${extra}><Media id="1"><Part id="2" file="${file}"/></Media></Video>`;
const fileOf = (xml: string): string => readListingPage(xml).items[0]?.media[0]?.parts[0]?.file as string;

describe('parseMediaContainer and the item model', () => {
  it('keeps a path byte-exact: no trimming, no number coercion, entities decoded', () => {
    expect(fileOf(doc(video('  /data/0012 &amp; &quot;A&quot; &#39;B&#39; &lt;c&gt;.mkv  ')))).toBe(
      `  /data/0012 & "A" 'B' <c>.mkv  `,
    );
    expect(fileOf(doc(video('/data/1917')))).toBe('/data/1917');
    expect(fileOf(doc(video('D:\\Media\\Movies\\x.mkv')))).toBe('D:\\Media\\Movies\\x.mkv');
  });

  it('decodes numeric references, including astral characters, exactly once', () => {
    expect(fileOf(doc(video('/m/&#x1F600;&#128512;&#233;')))).toBe('/m/😀😀é');
    // "&amp;lt;" is the text "&lt;", never "<"; "&#38;amp;" is "&amp;", never "&".
    expect(fileOf(doc(video('/m/a&amp;lt;b&#38;amp;c')))).toBe('/m/a&lt;b&amp;c');
  });

  it('keeps NFD file names decomposed (no Unicode normalization in the client)', () => {
    const nfd = '/m/Ame\u0301lie.mkv';
    expect(fileOf(doc(video(nfd)))).toBe(nfd);
    expect(fileOf(doc(video(nfd)))).not.toBe(nfd.normalize('NFC'));
  });

  it('makes single children arrays and keeps strings strings', () => {
    const [item] = readListingPage(doc(video('/a.mkv', ' year="2019" parentIndex="01"'))).items;
    expect(item?.media).toHaveLength(1);
    expect(item?.media[0]?.parts).toHaveLength(1);
    expect(item?.ratingKey).toBe('7');
    expect(item?.year).toBe(2019);
    expect(item?.parentIndex).toBe(1);
    expect(item?.title).toBe('T');
  });

  it('reads multi-part and multi-version items in order', () => {
    const xml = doc(
      '<Video ratingKey="9" title="M"><Media id="1"><Part id="11" file="/m/cd1.avi"/><Part id="12" file="/m/cd2.avi"/></Media>' +
        '<Media id="2" proxyType="42"><Part id="21" file="/m/Plex Versions/Optimized/M.mp4"/></Media></Video>',
    );
    const [item] = readListingPage(xml).items;
    expect(item?.media.map((m) => m.parts.map((p) => p.file))).toEqual([
      ['/m/cd1.avi', '/m/cd2.avi'],
      ['/m/Plex Versions/Optimized/M.mp4'],
    ]);
    expect(item?.media[1]?.proxyType).toBe('42');
  });

  it.each([
    ['truncated XML', doc(video('/a.mkv')).slice(0, -30), /not well-formed XML/],
    ['another root element', '<html><body>hi</body></html>', /HTML page/],
    ['an HTML page with a doctype', '<!DOCTYPE html><html></html>', /HTML page/],
    ['an entity declaration', '<!DOCTYPE m [<!ENTITY a "b">]><MediaContainer/>', /DOCTYPE or entities/],
    ['an unknown entity', doc(video('/a&nbsp;b.mkv')), /XML/],
    ['a raw ampersand', doc(video('/a & b.mkv')), /XML/],
    ['a reference to no character', doc(video('/a&#0;.mkv')), /not a valid XML character/],
    ['an empty body', '', /empty body|not well-formed/],
    ['JSON', '{"MediaContainer":{}}', /not well-formed|MediaContainer/],
    [
      'a non-integer totalSize',
      doc(video('/a.mkv'), 'size="1" totalSize="many"'),
      /totalSize="many", expected an integer/,
    ],
  ])('rejects %s with a message that says what is wrong', (_name, xml, message) => {
    expect(() => readListingPage(xml).items).toThrow(XmlFormatError);
    expect(() => readListingPage(xml).items).toThrow(message);
  });

  it('rejects bytes that are not UTF-8', () => {
    const bytes = Buffer.concat([
      Buffer.from(doc(video('/a'))).subarray(0, 60),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"/>'),
    ]);
    expect(() => parseMediaContainer(bytes)).toThrow(/not valid UTF-8/);
  });

  it('round-trips any file name Plex can write, however it is escaped', () => {
    const xmlChar = fc
      .integer({ min: 0x20, max: 0x10ffff })
      .filter((cp) => cp < 0xd800 || (cp > 0xdfff && cp !== 0xfffe && cp !== 0xffff))
      .map((cp) => String.fromCodePoint(cp));
    const name = fc
      .array(fc.oneof(xmlChar, fc.constantFrom('&', '<', '>', '"', "'", '\\', '/', ' ', '\t', '\n', '\r')), {
        minLength: 1, // a Part with file="" is no file: the item is skipped (test/client/oddItems.test.ts)
        maxLength: 40,
      })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(name, fc.boolean(), (file, numeric) => {
        // Plex escapes the five specials by name; some writers use numeric references for everything non-ASCII.
        let escaped = escapeAttr(file);
        if (numeric)
          escaped = [...escaped]
            .map((c) => ((c.codePointAt(0) ?? 0) > 0x7e ? `&#x${(c.codePointAt(0) ?? 0).toString(16)};` : c))
            .join('');
        expect(fileOf(doc(video(escaped)))).toBe(file);
      }),
    );
  });
});
