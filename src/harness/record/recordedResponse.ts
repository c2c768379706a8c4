import type { FixtureResponse } from '../fixtures/fixtureSet.js';
import { XML_CONTENT_TYPE } from '../server/response.js';

/** A recorded answer as a fixture entry: a GET with its query, 200, Plex XML, paged for a listing. */
export function recordedResponse(
  path: string,
  query: Readonly<Record<string, string>>,
  body: string,
  paged: boolean,
): FixtureResponse {
  return {
    request: { method: 'GET', path, query: { ...query } },
    status: 200,
    headers: { 'content-type': XML_CONTENT_TYPE },
    body,
    ...(paged ? { paged: true } : {}),
  };
}
