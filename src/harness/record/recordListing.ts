import { listPages, type PlexHttp, type Query, readListingPage, redactText } from '../../client/internal.js';
import { splitContainer } from '../fixtures/splitContainer.js';
import { PAGING_ATTRIBUTES, renderPage } from '../server/paging.js';

/** A listing as recorded: every page's children (each once) joined into one paged body. */
export interface RecordedListing {
  /** One MediaContainer holding every child, under the first page's container attributes. */
  readonly body: string;
  /** The children's elements, token removed, in the server's order. */
  readonly children: readonly string[];
}

/**
 * Records a paged listing (a section listing, a show's or season's
 * children) through the client's own paging, guards included: each page's
 * fresh children once, joined under the first page's container attributes
 * into one body the replay server pages for any window. `onPage` gets the
 * children so far and the server's total.
 */
export async function recordListing(
  http: PlexHttp,
  path: string,
  query: Query,
  what: string,
  onPage?: (done: number, total: number) => void,
): Promise<RecordedListing> {
  const token = http.config.token;
  let attributes: string | undefined;
  const children: string[] = [];
  const readPage = (body: readonly Buffer[]) => {
    const page = readListingPage(body, 'matching');
    return { ...page, split: splitContainer(redactText(Buffer.concat(body).toString('utf8'), token)) };
  };
  for await (const page of listPages(http, path, query, readPage, what)) {
    attributes ??= page.split.attributes.replace(PAGING_ATTRIBUTES, '').trim();
    page.split.children.forEach((child, k) => {
      if (page.childFresh[k] !== false) children.push(child);
    });
    onPage?.(children.length, Math.max(children.length, page.totalSize ?? 0));
  }
  return { body: renderPage(children, { start: 0, size: undefined }, attributes ?? ''), children };
}
