import type { IncomingHttpHeaders } from 'node:http';
import { plexJsonOf, streamedPlexJson } from './plexJson.js';
import type { ReplayResponse } from './response.js';

export const JSON_CONTENT_TYPE = 'application/json';

/** Each listed value of an Accept-style header, lower-cased, with its weight (q, 1 when absent). */
function weights(header: string | string[] | undefined): Map<string, number> {
  const out = new Map<string, number>();
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const item of text.split(',')) {
    const [value = '', ...parameters] = item.split(';').map((part) => part.trim().toLowerCase());
    if (value === '') continue;
    const q = parameters.find((p) => /^q\s*=/.test(p));
    const weight = q === undefined ? 1 : Number(q.replace(/^q\s*=\s*/, ''));
    out.set(value, Math.max(out.get(value) ?? 0, Number.isFinite(weight) ? weight : 0));
  }
  return out;
}

/**
 * Whether a request asks for Plex's JSON: its Accept lists `application/json` with a weight above
 * 0, and no XML type (`text/xml`, `application/xml`) with a higher one. A tie is JSON, as clients
 * that list both (`application/json, application/xml`) read JSON; wildcards (`*` + `/*`,
 * `application/*`) take either, so they leave XML, the default. So axios's
 * `application/json, text/plain, *` + `/*` is JSON, and no Accept at all is XML.
 */
export function asksJson(headers: IncomingHttpHeaders): boolean {
  const accept = weights(headers.accept);
  const json = accept.get('application/json') ?? 0;
  const xml = Math.max(accept.get('text/xml') ?? 0, accept.get('application/xml') ?? 0);
  return json > 0 && json >= xml;
}

/** Whether a request takes a gzip body: Accept-Encoding gives `gzip` (or `x-gzip`, or `*`) a weight above 0. */
export function asksGzip(headers: IncomingHttpHeaders): boolean {
  const accept = weights(headers['accept-encoding']);
  const gzip = accept.get('gzip') ?? accept.get('x-gzip') ?? accept.get('*') ?? 0;
  return gzip > 0;
}

const XML_TYPE = /^(?:text|application)\/xml\s*(?:;|$)/i;

/** The answer's body as JSON, when it is XML that reads as a <MediaContainer>; otherwise as it was. */
function asJson(response: ReplayResponse): ReplayResponse {
  if (!XML_TYPE.test(response.headers['content-type'] ?? '')) return response;
  let body: ReplayResponse['body'];
  try {
    body = Buffer.isBuffer(response.body) ? plexJsonOf(response.body) : streamedPlexJson(response.body);
  } catch {
    return response; // not XML Plex would send (a recorded oddity): sent as recorded
  }
  return { ...response, headers: { ...response.headers, 'content-type': JSON_CONTENT_TYPE }, body };
}

/**
 * The answer in the form the request asks for: Plex's JSON for an Accept that asks for it
 * (asksJson), and `content-encoding: gzip` for an Accept-Encoding that takes it (the bytes are
 * compressed where they are sent: wireBytes, wirePieces). Every answer made from XML says
 * `vary: Accept, Accept-Encoding`, as its bytes depend on both.
 */
export function inFormatAsked(headers: IncomingHttpHeaders, response: ReplayResponse): ReplayResponse {
  const xml = XML_TYPE.test(response.headers['content-type'] ?? '');
  const formatted = asksJson(headers) ? asJson(response) : response;
  const extra: Record<string, string> = {};
  if (xml) extra.vary = 'Accept, Accept-Encoding';
  if (asksGzip(headers)) extra['content-encoding'] = 'gzip';
  return Object.keys(extra).length === 0 ? formatted : { ...formatted, headers: { ...formatted.headers, ...extra } };
}
