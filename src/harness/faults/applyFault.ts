import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { type ReplayResponse, wireBytes, XML_CONTENT_TYPE } from '../server/response.js';
import type { Fault } from './fault.js';

/** A document that expands to gigabytes in a parser that honours internal entities. */
const XML_BOMB = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE MediaContainer [',
  '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">',
  ...Array.from({ length: 9 }, (_, i) => {
    const prev = String.fromCharCode(97 + i);
    const next = String.fromCharCode(98 + i);
    return `<!ENTITY ${next} "${`&${prev};`.repeat(10)}">`;
  }),
  ']>',
  '<MediaContainer size="1"><Video ratingKey="1" title="&j;"/></MediaContainer>',
].join('\n');

const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>Sign in</title></head><body><p>Please sign in to continue.</p></body></html>';

function statusLine(status: number): string {
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n`;
}

function rawHead(response: ReplayResponse, extra: Record<string, string> = {}): string {
  const headers = { ...response.headers, ...extra };
  return `${statusLine(response.status)}${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  res.writeHead(status, { ...headers, 'content-length': String(body.length) });
  res.end(body);
}

/** Streams `total` bytes of filler without holding them in memory. */
function streamFiller(res: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let left = total;
  const pump = (): void => {
    while (left > 0) {
      const n = Math.min(left, chunk.length);
      left -= n;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  res.on('close', () => {
    left = 0;
  });
  pump();
}

/**
 * Does `fault` to the request instead of sending `response` normally.
 * Stalled sockets are left open; the server destroys them when it closes.
 * `onTimer` registers timers (the drip) so that closing the server stops them.
 */
export function applyFault(
  fault: Fault,
  req: IncomingMessage,
  res: ServerResponse,
  response: ReplayResponse,
  onTimer: (timer: NodeJS.Timeout) => void,
): void {
  const socket: Socket = req.socket;
  // Made only for the faults that cut the body at a byte (a streamed listing is made whole for them):
  // the bytes on the wire, so a JSON or gzip answer is cut where its own bytes are.
  let whole: Buffer | undefined;
  const bytes = (): Buffer => {
    whole ??= wireBytes(response);
    return whole;
  };
  const half = (n: number | undefined): number => Math.min(n ?? Math.floor(bytes().length / 2), bytes().length);
  switch (fault.kind) {
    case 'reset':
      // Over https the RST is the TCP socket's: a TLS socket wraps it (as _parent) and cannot reset itself.
      ((socket as Socket & { _parent?: Socket })._parent ?? socket).resetAndDestroy();
      return;
    case 'close':
      socket.end();
      return;
    case 'stall-headers':
      return;
    case 'stall-partial-headers':
      socket.write(`${statusLine(200)}content-type: ${XML_CONTENT_TYPE}\r\n`);
      return;
    case 'stall-body':
      socket.write(rawHead(response, { 'content-length': String(bytes().length) }));
      socket.write(bytes().subarray(0, half(fault.afterBytes)));
      return;
    case 'truncate':
      socket.write(rawHead(response, { 'content-length': String(bytes().length) }));
      socket.end(bytes().subarray(0, half(fault.afterBytes)));
      return;
    case 'drip': {
      const body = bytes();
      const step = fault.bytes ?? 16;
      socket.write(rawHead(response, { 'content-length': String(body.length) }));
      let offset = 0;
      const timer = setInterval(() => {
        if (socket.destroyed) return clearInterval(timer);
        socket.write(body.subarray(offset, offset + step));
        offset += step;
        if (offset >= body.length) clearInterval(timer);
      }, fault.everyMs ?? 100);
      onTimer(timer);
      return;
    }
    case 'status': {
      const headers: Record<string, string> = { 'content-type': 'text/html' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      const text =
        fault.body ??
        `<html><head><title>${STATUS_CODES[fault.status] ?? 'Error'}</title></head><body><h1>${fault.status}</h1></body></html>`;
      send(res, fault.status, headers, Buffer.from(text));
      return;
    }
    case 'malformed-xml':
      send(
        res,
        200,
        { 'content-type': XML_CONTENT_TYPE },
        Buffer.from(
          '<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="1"><Video ratingKey="1" title="x"><Media id="1"><Part id="1" file="/a.mkv"/></Media></MediaContainer>',
        ),
      );
      return;
    case 'wrong-content-type':
      send(res, 200, { 'content-type': 'text/html; charset=utf-8' }, Buffer.from(HTML_PAGE));
      return;
    case 'oversized':
      res.writeHead(200, {
        'content-type': XML_CONTENT_TYPE,
        ...(fault.declareLength ? { 'content-length': String(fault.bytes) } : {}),
      });
      streamFiller(res, fault.bytes);
      return;
    case 'xml-bomb':
      send(res, 200, { 'content-type': XML_CONTENT_TYPE }, Buffer.from(XML_BOMB));
      return;
  }
}
