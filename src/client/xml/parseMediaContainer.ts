import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeXmlEntities, XmlEntityError } from './decodeXmlEntities.js';
import { XmlFormatError } from './XmlFormatError.js';

/**
 * A parsed element: attributes under `$` (always strings, exactly as sent,
 * entities decoded), child elements under their tag name (always arrays,
 * even for one child).
 */
export type XmlElement = { readonly $?: Readonly<Record<string, string>> } & { readonly [tag: string]: unknown };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '$',
  // Values stay strings: a title "1917" or a file "0012.mkv" is not a number.
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  // Entities are decoded by our single-pass decoder, not the parser's.
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_tag, _path, _leaf, isAttribute) => !isAttribute,
  attributeValueProcessor: (_name, value) => decodeXmlEntities(value),
});

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function describe(text: string): string {
  const start = text.trimStart().slice(0, 60).replace(/\s+/g, ' ');
  return start === '' ? 'an empty body' : `"${start}${text.length > 60 ? '…' : ''}"`;
}

/**
 * Parses a Plex response body and returns its root <MediaContainer>.
 * Throws XmlFormatError for anything else: invalid UTF-8, malformed XML,
 * another root, or a DOCTYPE (Plex never sends one; it is how entity
 * expansion bombs get in, so it is refused before any parsing).
 */
export function parseMediaContainer(body: Uint8Array | string): XmlElement {
  let text: string;
  try {
    text = typeof body === 'string' ? body : utf8.decode(body);
  } catch {
    throw new XmlFormatError('response body is not valid UTF-8');
  }
  if (/^\s*(<\?xml[^>]*>\s*)?<!DOCTYPE\s+html|^\s*<html/i.test(text)) {
    throw new XmlFormatError(`expected a <MediaContainer> document, got an HTML page starting ${describe(text)}`);
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new XmlFormatError('response XML declares a DOCTYPE or entities, which Plex never sends');
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new XmlFormatError(
      `response is not well-formed XML (line ${line}, column ${col}: ${msg}); body starts ${describe(text)}`,
    );
  }
  let document: Record<string, unknown>;
  try {
    document = parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof XmlEntityError) throw new XmlFormatError(`response XML has ${error.message}`);
    throw new XmlFormatError(`response XML could not be parsed: ${(error as Error).message}`);
  }
  const roots = Object.keys(document);
  const container = document.MediaContainer;
  if (roots.length !== 1 || !Array.isArray(container) || container.length !== 1) {
    throw new XmlFormatError(`expected a <MediaContainer> document, got ${describe(text)}`);
  }
  return container[0] as XmlElement;
}
