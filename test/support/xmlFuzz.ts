import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { utf8Start } from '../../src/client/xml/utf8Start.js';
import { XmlScanner } from '../../src/client/xml/XmlScanner.js';
import { byExpat, type XmlEvent, type XmlReading } from './expat.js';
import { BREAKING_PIECES, brokenDocument, wellFormedDocument } from './xmlDocuments.js';

/**
 * The scanner against expat on generated documents (docs/client.md, "Fuzzing against expat"):
 * both must read or both refuse each one, and read the same elements, attributes and values,
 * except where a written rule (KNOWN_DIFFERENCES) explains the difference.
 */

/** Breaks beyond the saxes run's: processing instructions, declarations and what Plex never sends. */
const MORE_PIECES = [
  ...['<?a??>', '<?a?x?>', '<?x?ml version="1.0"?>', '<?xml-stylesheet a?>', '<?XmL a?>', '<? a?>', '<?a', '?>'],
  ...['<?xml version="1.0" encoding="ISO-8859-1"?>', '<!DOCTYPE a>', '<!DOCTYPE a [<!ENTITY e "x">]>', '&e;'],
];
const ENCODINGS = ['UTF-8', 'utf-8', 'ISO-8859-1', 'US-ASCII', 'UTF-16', 'utf8', 'bogus', 'latin1'];
const DECLARATION = /^<\?xml[^?]*\?>\n?/;

/** A well-formed document with another declaration: versions, encodings, standalone, a byte order mark. */
const declared = fc
  .tuple(
    wellFormedDocument,
    fc.constantFrom('1.0', '1.1', '1.9'),
    fc.option(fc.constantFrom(...ENCODINGS), { nil: undefined }),
    fc.boolean(),
    fc.constantFrom<BufferEncoding>('utf8', 'latin1'),
  )
  .map(([xml, version, encoding, bom, bytes]) => {
    const declaration = `<?xml version="${version}"${encoding === undefined ? '' : ` encoding="${encoding}"`}?>`;
    const body = Buffer.from(declaration + xml.replace(DECLARATION, ''), bytes);
    return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
  });

/** A document with a byte that is not UTF-8, or an encoding's mark, put anywhere. */
const strayBytes = fc
  .tuple(
    wellFormedDocument,
    fc.nat(),
    fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xae], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0x00]),
  )
  .map(([xml, at, bytes]) => {
    const body = Buffer.from(xml, 'utf8');
    const k = at % (body.length + 1);
    return Buffer.concat([body.subarray(0, k), Buffer.from(bytes), body.subarray(k)]);
  });

export const fuzzDocument: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 3, arbitrary: wellFormedDocument.map((xml) => Buffer.from(xml, 'utf8')) },
  { weight: 5, arbitrary: brokenDocument([...BREAKING_PIECES, ...MORE_PIECES]).map((xml) => Buffer.from(xml, 'utf8')) },
  { weight: 2, arbitrary: declared },
  { weight: 1, arbitrary: strayBytes },
);

/** The document as the client reads it (utf8Start, then the scanner; the root's name aside). */
export function byScanner(document: Buffer): XmlReading {
  const events: XmlEvent[] = [];
  try {
    new XmlScanner().scan(document, utf8Start(document), {
      open: (name, attributes) => events.push(['open', name, { ...attributes.all() }]),
      close: (name) => events.push(['close', name]),
    });
    return { read: true, events };
  } catch (error) {
    return { read: false, error: (error as Error).message };
  }
}

export interface FuzzReport {
  documents: number;
  seed: number;
  bothRead: number;
  bothRefused: number;
  /** Documents the two read differently, by the known differences that explain it. */
  known: Record<string, number>;
  /** Differences no known one explains: each count should be 0. */
  onlyScannerRead: number;
  onlyExpatRead: number;
  readOtherwise: number;
  /** The first few unexplained documents, for a person to look at. */
  examples: { document: string; scanner: string; expat: string }[];
}

const shown = (reading: XmlReading) =>
  reading.read ? JSON.stringify(reading.events).slice(0, 300) : `refused: ${reading.error}`;

const alike = (one: XmlReading, other: XmlReading) =>
  one.read === other.read && (!one.read || JSON.stringify(one.events) === JSON.stringify((other as typeof one).events));

/**
 * Generates `documents` documents from `seed` and reads each with both. Where they differ, the
 * difference is known when every known difference the document holds has the side it names
 * refuse it, saying what it says, and the two read the document alike once those are taken out.
 */
export function fuzzAgainstExpat(documents: number, seed: number): FuzzReport {
  const generated = fc.sample(fuzzDocument, { numRuns: documents, seed });
  const theirs = byExpat(generated);
  const report: FuzzReport = {
    documents,
    seed,
    bothRead: 0,
    bothRefused: 0,
    known: {},
    onlyScannerRead: 0,
    onlyExpatRead: 0,
    readOtherwise: 0,
    examples: [],
  };
  const differing: { document: Buffer; ours: XmlReading; theirs: XmlReading; known: string[]; without: Buffer }[] = [];
  generated.forEach((document, k) => {
    const ours = byScanner(document);
    const expat = theirs[k] as XmlReading;
    if (alike(ours, expat)) {
      if (ours.read) report.bothRead += 1;
      else report.bothRefused += 1;
      return;
    }
    let without = document;
    const known: string[] = [];
    for (const [name, difference] of KNOWN_DIFFERENCES) {
      const changed = difference.takeOut(without);
      if (changed.equals(without)) continue;
      const refusal = difference.refusedBy === 'scanner' ? ours : expat;
      known.push(!refusal.read && refusal.error.includes(difference.saying) ? name : `not ${name}`);
      without = changed;
    }
    differing.push({ document, ours, theirs: expat, known, without });
  });
  const theirsWithout = byExpat(differing.map((one) => one.without));
  differing.forEach((one, k) => {
    const explained = one.known.length > 0 && one.known.every((name) => KNOWN_DIFFERENCES.has(name));
    if (explained && alike(byScanner(one.without), theirsWithout[k] as XmlReading)) {
      const name = one.known.join(' + ');
      report.known[name] = (report.known[name] ?? 0) + 1;
      return;
    }
    if (one.ours.read && one.theirs.read) report.readOtherwise += 1;
    else if (one.ours.read) report.onlyScannerRead += 1;
    else report.onlyExpatRead += 1;
    if (report.examples.length < 10) {
      report.examples.push({
        document: one.document.toString('utf8'),
        scanner: shown(one.ours),
        expat: shown(one.theirs),
      });
    }
  });
  return report;
}

export interface KnownDifference {
  /** What differs, and why the scanner's answer is the one kept. */
  readonly why: string;
  /** Who refuses such a document, and what its refusal says. */
  readonly refusedBy: 'scanner' | 'expat';
  readonly saying: string;
  /** The document without what this difference is about (the same bytes when it has none of it). */
  takeOut(document: Buffer): Buffer;
}

/** The leading XML declaration, after an optional UTF-8 byte order mark, as Latin-1 text (one char a byte). */
const LEADING_DECLARATION = /^(\xEF\xBB\xBF)?<\?xml[^?]*\?>/;

function inDeclaration(document: Buffer, change: (declaration: string) => string): Buffer {
  const text = document.toString('latin1');
  return Buffer.from(text.replace(LEADING_DECLARATION, change), 'latin1');
}

/** Name characters of the Fifth Edition that the Fourth did not allow, as far as the documents hold them. */
const FIFTH_EDITION_ONLY = /\uFEFF|[\u{10000}-\u{EFFFF}]/gu;
/** XML's white space, spelt out: "\s" in a pattern takes U+FEFF for white space too. */
const TAG_NAME = /(<[/?]?)([^ \t\r\n<>/?="'&]+)/gu;
const ATTRIBUTE_NAME = /([ \t\r\n])([^ \t\r\n<>/?="'&]+)(?=[ \t\r\n]*=)/gu;

/** Every difference between the scanner and expat that is known and chosen (docs/client.md lists them). */
export const KNOWN_DIFFERENCES = new Map<string, KnownDifference>([
  [
    'another encoding',
    {
      why: 'expat reads ISO-8859-1, US-ASCII and UTF-16 itself and looks other names up; the client reads only UTF-8 (what Plex sends) and refuses any other declared encoding, naming it',
      refusedBy: 'scanner',
      saying: 'only UTF-8 is read',
      takeOut: (document) =>
        inDeclaration(document, (declaration) =>
          declaration.replace(/[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])(?![Uu][Tt][Ff]-8\1)[^"']*\1/, ''),
        ),
    },
  ],
  [
    'version number',
    {
      why: 'expat does not check the version number; XML 1.0 [26] makes it "1." and digits, so the scanner refuses "1", ".0", "1.-0" or ""',
      refusedBy: 'scanner',
      saying: 'a malformed XML declaration',
      takeOut: (document) =>
        inDeclaration(document, (declaration) =>
          declaration.replace(/version[ \t\r\n]*=[ \t\r\n]*(["'])(?!1\.[0-9]+\1)[^"']*\1/, 'version="1.0"'),
        ),
    },
  ],
  [
    'DOCTYPE',
    {
      why: 'expat reads a DOCTYPE and the entities it declares; the client refuses any DOCTYPE (Plex never sends one, and it is how entity bombs get in)',
      refusedBy: 'scanner',
      saying: 'a DOCTYPE',
      takeOut: (document) =>
        Buffer.from(document.toString('latin1').replace(/<!DOCTYPE a( \[<!ENTITY e "x">\])?>/g, ''), 'latin1'),
    },
  ],
  [
    'Fifth Edition names',
    {
      why: 'expat 2.5 allows in names what the Fourth Edition did; the scanner follows the Fifth (XML 1.0 [4], [4a]), which adds U+FEFF and the characters from U+10000 on, among others',
      refusedBy: 'expat',
      saying: 'not well-formed (invalid token)',
      takeOut: (document) => {
        if (!isUtf8(document)) return document; // decoding would make U+FFFD of the bytes that are not
        // In names only (after "<", "</", "<?", or before "="): elsewhere a difference would be something else.
        const plain = (_: string, before: string, name: string) => before + name.replace(FIFTH_EDITION_ONLY, 'x');
        const text = document.toString('utf8').replace(TAG_NAME, plain).replace(ATTRIBUTE_NAME, plain);
        return Buffer.from(text, 'utf8');
      },
    },
  ],
]);
