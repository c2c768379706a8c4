import type { IncomingHttpHeaders } from 'node:http';
import { inFormatAsked } from './negotiate.js';
import type { ReplayResponse } from './response.js';

/** A request as the responder sees it. */
export interface ReplayRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
}

/** Produces the normal answer to a request, or undefined for 404. */
export type Responder = (request: ReplayRequest) => ReplayResponse | undefined;

/** A small HTML page, as Plex answers errors of its own. */
export const htmlResponse = (status: number, title: string): ReplayResponse => ({
  status,
  headers: { 'content-type': 'text/html' },
  body: Buffer.from(`<html><head><title>${title}</title></head><body><h1>${status} ${title}</h1></body></html>`),
});

/** The token a request carries, in the X-Plex-Token header or query parameter. */
export function tokenOf(request: Pick<ReplayRequest, 'query' | 'headers'>): string | undefined {
  const header = request.headers['x-plex-token'];
  return (typeof header === 'string' ? header : undefined) ?? request.query.get('X-Plex-Token') ?? undefined;
}

/** Paths Plex answers without a token: `/identity`, which clients and container wait strategies read first. */
const OPEN_PATHS = new Set<string>(['/identity']);

/**
 * What Plex answers, whichever way the request arrived (a socket of the
 * replay server, or nock in process): 401 without the configured token
 * (except on the paths Plex leaves open), the responder's answer, or 404
 * for a path it does not know; in the format and content coding the
 * request asks for (inFormatAsked). The responder (page faults included)
 * answers in XML: the JSON is made from what it says.
 */
export function answerRequest(request: ReplayRequest, respond: Responder, token: string | undefined): ReplayResponse {
  const open = OPEN_PATHS.has(request.path);
  if (token !== undefined && !open && tokenOf(request) !== token)
    return inFormatAsked(request.headers, htmlResponse(401, 'Unauthorized'));
  return inFormatAsked(request.headers, respond(request) ?? htmlResponse(404, 'Not Found'));
}
