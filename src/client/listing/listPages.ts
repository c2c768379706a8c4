import { serverClock } from '../http/serverClock.js';
import type { PlexHttp, Query } from '../PlexHttp.js';
import { redactText } from '../redact.js';
import { peekPaging } from '../xml/peekPaging.js';
import type { ListingPage } from '../xml/readListingPage.js';
import { type FetchedPage, type PagingVia, type ScannedPage, scanListing } from './scanListing.js';

/**
 * The one way anything lists a Plex listing (PlexLibrary, the recorder):
 * `path` with `query`, page by page through scanListing with the client's
 * page size, concurrency and paging guards, each answer read by `read`
 * (which throws XmlFormatError for a body that is not a listing) with the
 * server's clock when it answered, in seconds (serverClock).
 */
export function listPages<P extends ListingPage>(
  http: PlexHttp,
  path: string,
  query: Query,
  read: (body: readonly Buffer[], clock: number) => P,
  what: string,
): AsyncGenerator<ScannedPage<P>, void, undefined> {
  const { config } = http;
  const fetchPage = async (
    start: number,
    size: number,
    via: PagingVia,
    signal: AbortSignal,
  ): Promise<FetchedPage<P>> => {
    // Plex takes the paging values as headers or, under the same names, as query parameters.
    const window = { 'X-Plex-Container-Start': String(start), 'X-Plex-Container-Size': String(size) };
    const response =
      via === 'headers'
        ? await http.get(path, query, { headers: window, signal })
        : await http.get(path, { ...query, ...window }, { signal });
    const clock = serverClock(response.headers);
    return { peek: peekPaging(response.body), read: () => http.readXml(response, (body) => read(body, clock)).value };
  };
  return scanListing({
    fetchPage,
    pageSize: config.pageSize,
    concurrency: config.pageConcurrency,
    random: config.random,
    logger: config.logger,
    what: redactText(what, config.token), // a library's title is the server's text

    url: http.urlFor(path, query),
  });
}
