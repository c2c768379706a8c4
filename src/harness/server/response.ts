import { pipeline, Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';

/**
 * A complete HTTP answer as the replay server sends it. `body` is the content before any
 * content coding: with `content-encoding: gzip` in the headers, the bytes sent are its gzip
 * (wireBytes, wireStream), so every fault that cuts bytes cuts the bytes on the wire.
 */
export interface ReplayResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | StreamedBody;
}

/**
 * A listing body made piece by piece while it is sent: an unpaged listing of
 * any size (a synthetic section of 600k items is more text than one string
 * can hold). Sent without Content-Length, in chunks, as the socket takes them.
 */
export interface StreamedBody {
  /** The XML declaration and the root start tag: all a page fault changes. */
  readonly head: string;
  /** The item lines and the closing tag, made when asked for. */
  rest(): Iterable<string>;
}

export const XML_CONTENT_TYPE = 'text/xml;charset=utf-8';

export function xmlResponse(body: string | Buffer, status = 200): ReplayResponse {
  return {
    status,
    headers: { 'content-type': XML_CONTENT_TYPE },
    body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
  };
}

/** Bytes a streamed body is sent in, about: large enough that a write per item is not the cost. */
const PIECE_CHARS = 64 * 1024;

/** A body as the pieces it is written in: a whole body is one. */
export function* bodyPieces(body: Buffer | StreamedBody): Generator<Buffer, void, undefined> {
  if (Buffer.isBuffer(body)) {
    yield body;
    return;
  }
  let piece = body.head;
  for (const text of body.rest()) {
    piece += text;
    if (piece.length >= PIECE_CHARS) {
      yield Buffer.from(piece, 'utf8');
      piece = '';
    }
  }
  if (piece !== '') yield Buffer.from(piece, 'utf8');
}

/** The whole body as one buffer: for a fault that cuts it at a byte, and for nock. */
export function bodyBytes(body: Buffer | StreamedBody): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.concat([...bodyPieces(body)]);
}

function gzipped(response: ReplayResponse): boolean {
  return response.headers['content-encoding'] === 'gzip';
}

/** The bytes sent for the whole answer's body, content coding applied: for a fault that cuts it, for nock. */
export function wireBytes(response: ReplayResponse): Buffer {
  const bytes = bodyBytes(response.body);
  return gzipped(response) ? gzipSync(bytes) : bytes;
}

/** The bytes sent for a streamed body, made as the socket takes them, gzip-streamed when the headers say so. */
export function wireStream(response: ReplayResponse): Readable {
  const plain = Readable.from(bodyPieces(response.body));
  // pipeline, not pipe: a body that fails while it is made must end the gzip stream too, not leave it open.
  return gzipped(response) ? pipeline(plain, createGzip(), () => {}) : plain;
}
