import { isUtf8 } from 'node:buffer';
import { XmlFormatError } from '../errors/errors.js';
import { readDeclaration } from './xmlDeclaration.js';

/**
 * How a body in another Unicode encoding starts (XML 1.0 Appendix F): a byte order mark, or "<?"
 * in 16-bit units. UTF-32's marks come first: FF FE 00 00 begins like UTF-16LE's.
 */
const OTHER_ENCODINGS: readonly (readonly [readonly number[], string, string])[] = [
  [[0x00, 0x00, 0xfe, 0xff], 'UTF-32BE', 'its byte order mark'],
  [[0xff, 0xfe, 0x00, 0x00], 'UTF-32LE', 'its byte order mark'],
  [[0xfe, 0xff], 'UTF-16BE', 'its byte order mark'],
  [[0xff, 0xfe], 'UTF-16LE', 'its byte order mark'],
  [[0x00, 0x3c, 0x00, 0x3f], 'UTF-16BE', '"<?" in 16-bit units'],
  [[0x3c, 0x00, 0x3f, 0x00], 'UTF-16LE', '"<?" in 16-bit units'],
];

const ONLY_UTF8 = 'only UTF-8 is read (Plex sends UTF-8)';

/**
 * Where the XML of a body starts (past a UTF-8 byte order mark), once it is known to be UTF-8:
 * without a declared encoding or declaring UTF-8 (in any case), and valid UTF-8 throughout.
 * A body in another encoding, or declaring one, is an XmlFormatError that names it; nothing is
 * transcoded. A malformed declaration is left to the scanner, which says where it is wrong.
 */
export function utf8Start(bytes: Buffer): number {
  for (const [mark, name, how] of OTHER_ENCODINGS) {
    if (mark.every((byte, k) => bytes[k] === byte)) {
      throw new XmlFormatError(`response body is ${name} (by ${how}); ${ONLY_UTF8}`);
    }
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const declaration = readDeclaration(bytes, start);
  const encoding = typeof declaration === 'object' ? declaration.encoding : undefined;
  if (encoding !== undefined && encoding.toLowerCase() !== 'utf-8') {
    throw new XmlFormatError(`response XML declares encoding "${encoding}"; ${ONLY_UTF8}`);
  }
  if (!isUtf8(bytes)) throw new XmlFormatError('response body is not valid UTF-8');
  return start;
}
