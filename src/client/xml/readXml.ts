import { SaxesParser } from 'saxes';
import { XmlFormatError } from '../errors/errors.js';

/**
 * What a reader does with the elements of a Plex document, in document
 * order. Attribute values arrive as XML defines them: entities and
 * character references decoded once, nothing trimmed or normalized.
 */
export interface XmlHandlers {
  /** A start tag (or an empty-element tag) at `depth` (0 is the root <MediaContainer>). */
  open(name: string, attributes: Readonly<Record<string, string>>, depth: number): void;
  /** The end of the element opened at `depth` (also called for an empty-element tag). */
  close(name: string, depth: number): void;
}

/** A response body: text, bytes, or the chunks of bytes as they arrived. */
export type XmlBody = string | Uint8Array | readonly Uint8Array[];

/**
 * Pieces are decoded and parsed at most 64 KiB at a time: a page never
 * becomes one large string (V8 keeps those in a space that only a full
 * collection frees, so a scan's dead pages would pile up in memory).
 */
const PIECE_BYTES = 64 * 1024;

/** The body as text pieces, UTF-8 checked as it is decoded (a sequence split between chunks is joined). */
function* textPieces(body: XmlBody): Generator<string, void, undefined> {
  if (typeof body === 'string') {
    yield body;
    return;
  }
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const chunks: readonly Uint8Array[] = body instanceof Uint8Array ? [body] : body;
  try {
    for (const chunk of chunks) {
      for (let at = 0; at < chunk.length; at += PIECE_BYTES) {
        yield decoder.decode(chunk.subarray(at, at + PIECE_BYTES), { stream: true });
      }
    }
    yield decoder.decode();
  } catch (error) {
    if (error instanceof TypeError) throw new XmlFormatError('response body is not valid UTF-8');
    throw error;
  }
}

/** An HTML page (a proxy's or captive portal's) instead of XML: said so in words, before any parsing. */
const HTML_START = /^\s*(<\?xml[^>]*>\s*)?(<!DOCTYPE\s+html|<html)/i;

function describe(text: string): string {
  const start = text.trimStart().slice(0, 60).replace(/\s+/g, ' ');
  return start === '' ? 'an empty body' : `"${start}${text.length > 60 ? '…' : ''}"`;
}

/** saxes reports "line:column: message."; the words after the position, in our voice. */
function explain(message: string): string {
  const words = message.replace(/^\d+:\d+:\s*/, '').replace(/\.$/, '');
  return words === 'malformed character entity' ? 'a character reference that is not a valid XML character' : words;
}

/**
 * Reads a Plex response body in one pass: UTF-8 is checked, the XML is
 * checked for well-formedness by the same strict parser (saxes) that
 * delivers the elements, and the root must be <MediaContainer>. Anything
 * else is an XmlFormatError that says what and where (line and column).
 * A DOCTYPE is refused where it appears: Plex never sends one, and it is
 * how entity-expansion bombs get in (saxes never expands entities anyway).
 * Errors thrown by the handlers end the read and pass through unchanged.
 */
export function readXml(body: XmlBody, handlers: XmlHandlers): void {
  /** The start of the body, for messages. */
  let text = '';
  const parser = new SaxesParser({ position: true });
  let depth = 0;
  let handlerError: unknown;
  const guard = (work: () => void) => {
    try {
      work();
    } catch (error) {
      handlerError ??= error;
      throw error;
    }
  };
  parser.on('doctype', () =>
    guard(() => {
      throw new XmlFormatError('response XML declares a DOCTYPE or entities, which Plex never sends');
    }),
  );
  parser.on('opentag', (tag) =>
    guard(() => {
      if (depth === 0 && tag.name !== 'MediaContainer') {
        throw new XmlFormatError(`expected a <MediaContainer> document, got ${describe(text)}`);
      }
      handlers.open(tag.name, tag.attributes as Record<string, string>, depth);
      depth += 1;
    }),
  );
  parser.on('closetag', (tag) =>
    guard(() => {
      depth -= 1;
      handlers.close(tag.name, depth);
    }),
  );
  try {
    for (const piece of textPieces(body)) {
      if (text.length < 512) {
        text += piece.slice(0, 512);
        if (HTML_START.test(text)) {
          throw new XmlFormatError(`expected a <MediaContainer> document, got an HTML page starting ${describe(text)}`);
        }
      }
      parser.write(piece);
    }
    parser.close();
  } catch (error) {
    if (error instanceof XmlFormatError) throw error;
    if (handlerError !== undefined) throw handlerError;
    const message = error instanceof Error ? error.message : String(error);
    throw new XmlFormatError(
      `response is not well-formed XML (line ${parser.line}, column ${parser.column}: ${explain(message)}); body starts ${describe(text)}`,
    );
  }
}
