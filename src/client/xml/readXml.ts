import { XmlFormatError } from '../errors/errors.js';
import { utf8Start } from './utf8Start.js';
import { type XmlHandlers, XmlScanner, XmlSyntaxError } from './XmlScanner.js';

export type { AttributeSpan, XmlAttributes, XmlHandlers } from './XmlScanner.js';

/** A response body: text, bytes, or the chunks of bytes as they arrived. */
export type XmlBody = string | Uint8Array | readonly Uint8Array[];

/**
 * The bytes of a body in one piece. Chunks are copied into one buffer that
 * every read reuses (reads are synchronous), so a page costs no new memory
 * here; a read inside a read gets a buffer of its own.
 */
let shared = Buffer.alloc(0);
let sharedBusy = false;
/** The shared buffer is not kept above this size: one huge answer must not pin its size for good. */
const SHARED_KEPT_BYTES = 4 * 1024 * 1024;

function bytesOf(body: XmlBody, reuse: boolean): Buffer {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body.length === 1) {
    const only = body[0] as Uint8Array;
    return Buffer.from(only.buffer, only.byteOffset, only.byteLength);
  }
  let total = 0;
  for (const chunk of body) total += chunk.byteLength;
  let target: Buffer;
  if (reuse) {
    if (shared.length < total) shared = Buffer.allocUnsafeSlow(Math.max(total, 2 * shared.length, 64 * 1024));
    target = shared;
  } else target = Buffer.allocUnsafeSlow(total);
  let at = 0;
  for (const chunk of body) {
    target.set(chunk, at);
    at += chunk.byteLength;
  }
  return target.subarray(0, total);
}

/** 1-based line and column (in characters, from `start`, past a byte order mark) of byte `at`; CR LF, CR and LF end lines. */
function position(bytes: Buffer, start: number, at: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let k = start; k < at && k < bytes.length; k += 1) {
    const byte = bytes[k] as number;
    if (byte === 0x0a || (byte === 0x0d && bytes[k + 1] !== 0x0a)) {
      line += 1;
      column = 1;
    } else if ((byte & 0xc0) !== 0x80 && byte !== 0x0d) column += 1;
  }
  return { line, column };
}

/** An HTML page (a proxy's or captive portal's) instead of XML: said so in words, before any parsing. */
const HTML_START = /^\s*(<\?xml[^>]*>\s*)?(<!DOCTYPE\s+html|<html)/i;

function describe(text: string): string {
  const start = text.trimStart().slice(0, 60).replace(/\s+/g, ' ');
  return start === '' ? 'an empty body' : `"${start}${text.length > 60 ? '…' : ''}"`;
}

/** One scanner for every read (a read inside a read gets its own): it keeps nothing between reads but its cache of names. */
const sharedScanner = new XmlScanner();

/**
 * Reads a Plex response body in one pass: UTF-8 is checked (utf8Start), the XML is
 * checked for well-formedness by the same scan that delivers the elements
 * (XmlScanner), and the root must be <MediaContainer>. Anything else is an
 * XmlFormatError that says what and where (line and column). A DOCTYPE is
 * refused where it appears: Plex never sends one, and it is how
 * entity-expansion bombs get in (no entity is ever expanded anyway).
 * Errors thrown by the handlers end the read and pass through unchanged.
 */
export function readXml(body: XmlBody, handlers: XmlHandlers): void {
  const reuse = !sharedBusy;
  sharedBusy = true;
  try {
    const bytes = bytesOf(body, reuse);
    const bom = utf8Start(bytes);
    /** The start of the body, for messages. */
    const text = bytes.toString('utf8', bom, Math.min(bytes.length, bom + 512));
    if (HTML_START.test(text)) {
      throw new XmlFormatError(`expected a <MediaContainer> document, got an HTML page starting ${describe(text)}`);
    }
    let handlerError: { error: unknown } | undefined;
    /** A handler's own error ends the read and passes through unchanged, not as a syntax error. */
    const guarded =
      <A extends unknown[]>(handler: (...args: A) => void) =>
      (...args: A) => {
        try {
          handler(...args);
        } catch (error) {
          handlerError = { error };
          throw error;
        }
      };
    try {
      (reuse ? sharedScanner : new XmlScanner()).scan(bytes, bom, {
        open(name, attributes, depth) {
          try {
            if (depth === 0 && name !== 'MediaContainer') {
              throw new XmlFormatError(`expected a <MediaContainer> document, got ${describe(text)}`);
            }
            handlers.open(name, attributes, depth);
          } catch (error) {
            handlerError = { error };
            throw error;
          }
        },
        close(name, depth, end) {
          try {
            handlers.close(name, depth, end);
          } catch (error) {
            handlerError = { error };
            throw error;
          }
        },
        // Passed on only to a reader that asks: the scanner decodes text for no one else.
        ...(handlers.text === undefined ? {} : { text: guarded(handlers.text.bind(handlers)) }),
        ...(handlers.markup === undefined ? {} : { markup: guarded(handlers.markup.bind(handlers)) }),
      });
    } catch (error) {
      if (handlerError !== undefined) throw handlerError.error;
      if (!(error instanceof XmlSyntaxError)) throw error;
      if (error.doctype)
        throw new XmlFormatError('response XML declares a DOCTYPE or entities, which Plex never sends');
      const { line, column } = position(bytes, bom, error.at);
      throw new XmlFormatError(
        `response is not well-formed XML (line ${line}, column ${column}: ${error.message}); body starts ${describe(text)}`,
      );
    }
  } finally {
    if (reuse) {
      sharedBusy = false;
      if (shared.length > SHARED_KEPT_BYTES) shared = Buffer.alloc(0);
    }
  }
}
