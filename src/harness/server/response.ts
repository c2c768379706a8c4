/** A complete HTTP answer as the replay server sends it. */
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
