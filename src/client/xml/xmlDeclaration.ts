import { isSpaceByte } from './xmlChars.js';

/** What an XML declaration says that the reader needs. */
export interface XmlDeclaration {
  /** The index after its "?>". */
  readonly end: number;
  /** The encoding it names, as written; undefined when it names none. */
  readonly encoding: string | undefined;
}

/**
 * XML 1.0 [23]–[32] for a document: version, then optionally encoding and standalone, in that
 * order, on the text between "<?xml" and "?>". Anchored, one pass: a hostile run of spaces costs
 * linear time.
 */
const DECLARATION =
  /^[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\4)?[ \t\r\n]*$/;

/**
 * The XML declaration at `start` (the start of the document, past a byte order mark): undefined
 * when there is none, a message saying what is wrong when it is not well-formed.
 */
export function readDeclaration(bytes: Buffer, start: number): XmlDeclaration | string | undefined {
  if (bytes.toString('latin1', start, start + 5) !== '<?xml' || !isSpaceByte(bytes[start + 5] ?? 0)) return undefined;
  const close = bytes.indexOf('?>', start, 'latin1');
  if (close < 0) return 'an XML declaration that is never closed';
  const parts = DECLARATION.exec(bytes.toString('latin1', start + 5, close));
  if (parts === null) return 'a malformed XML declaration';
  return { end: close + 2, encoding: parts[3] };
}
