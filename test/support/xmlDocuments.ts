import fc from 'fast-check';

/**
 * Generated XML documents for the scanner's oracles (saxes in test/client/xmlScanner.test.ts, expat
 * in test/support/xmlFuzz.ts): documents built to be well-formed, and the same broken at random.
 */

const name = fc.constantFrom('Video', 'Media', 'Part', 'a', 'x:y', '_n', 'ë', 'n-1.2', 'Ünïcode', '東京');
const valueChar = fc.constantFrom(
  'a',
  ' ',
  'é',
  '😀',
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&apos;',
  '&#38;',
  '&#x1F600;',
  '&#10;',
  '&#13;',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '>',
  "'",
  '/',
);
const value = fc.array(valueChar, { maxLength: 8 }).map((cs) => cs.join(''));
const attributes = fc.uniqueArray(fc.tuple(name, value), { maxLength: 4, selector: ([n]) => n });
const text = fc
  .array(fc.constantFrom('\n', ' ', 'text', '&amp;', '&#x41;', '] ', '>', 'é'), { maxLength: 4 })
  .map((cs) => cs.join(''));
const misc = fc.constantFrom('', '<!-- a comment -->', '<?pi some data?>', '\n');

const element: fc.Memo<string> = fc.memo((n) =>
  fc
    .tuple(
      name,
      attributes,
      fc.boolean(),
      n > 1
        ? fc.array(fc.oneof(element(n - 1), text, fc.constant('<![CDATA[<raw> & ]]>'), misc), { maxLength: 3 })
        : fc.constant([]),
    )
    .map(([tag, attrs, empty, children]) => {
      const quoted = attrs.map(([k, v]) => (v.includes('"') ? ` ${k}='${v}'` : ` ${k}="${v}"`)).join('');
      return empty && children.length === 0 ? `<${tag}${quoted}/>` : `<${tag}${quoted}>${children.join('')}</${tag}>`;
    }),
);

const declaration = fc.constantFrom(
  '',
  '<?xml version="1.0"?>',
  '<?xml version="1.0" encoding="UTF-8"?>\n',
  "<?xml version='1.0' encoding='utf-8' standalone='yes'?>",
);
/** A well-formed document of a few elements, attributes, text, comments, CDATA and instructions. */
export const wellFormedDocument = fc.tuple(declaration, misc, element(3), misc).map((parts) => parts.join(''));

/** Characters and pieces that matter to XML: what a break puts into a document. */
export const BREAKING_PIECES: readonly string[] = [
  ...['<', '>', '&', '"', "'", '=', '/', '-', ']', '?', '!', ' ', '\t', '\r', 'é', '\u0001', '\uFFFE', '\uFFFF'],
  ...['--', ']]>', '<!---->', '<!--->', '<![CDATA[', '<?xml version="1.0"?>', '<?a?>', ' = ', '/>', '</a>'],
  ...['&#0;', '&x;', '&#x;', '&#;', '&#xD800;', '&#x110000;', '&#99999999999;', '&#x0041;', '&AMP;', '&amp'],
  ...['&#0000000000065;', '&#x00000000010FFFF;', '&#x0000000000110000;'],
];

/** A well-formed document broken once: one of `pieces` put anywhere, or a few characters cut out. */
export function brokenDocument(pieces: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(wellFormedDocument, fc.nat(), fc.constantFrom(...pieces), fc.boolean())
    .map(([xml, at, piece, cut]) => {
      const chars = [...xml]; // by code point: a break never splits a surrogate pair
      const k = at % (chars.length + 1);
      if (cut) chars.splice(k, 1 + (at % 3));
      else chars.splice(k, 0, piece);
      return chars.join('');
    });
}
