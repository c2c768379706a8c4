import type { PlexItem } from '../core/plexItem.js';
import type { PlexHttp, Query } from './PlexHttp.js';
import { intAttr } from './xml/attributes.js';
import type { PlexLibrarySection, PlexLocation } from './xml/toLibrarySection.js';
import { itemsOf } from './xml/toPlexItem.js';

/**
 * The `type=` that makes `/all` list items with media: a show section
 * lists shows without it and episodes with type=4 (plex-facts §1).
 */
export const LISTING_TYPE: Readonly<Record<string, number>> = { movie: 1, show: 4, artist: 10, photo: 13 };

/** Extra listing filters Plex understands, e.g. { 'addedAt>>': 1700000000 }. */
export type ListingFilters = Query;

/**
 * One library section, listed page by page with X-Plex-Container-Start/Size
 * until totalSize is reached.
 */
export class PlexLibrary implements PlexLibrarySection {
  readonly key: string;
  readonly title: string;
  readonly type: string;
  readonly locations: readonly PlexLocation[];
  declare readonly agent?: string;
  declare readonly scanner?: string;
  declare readonly language?: string;
  declare readonly uuid?: string;
  declare readonly refreshing?: boolean;
  readonly #http: PlexHttp;

  constructor(http: PlexHttp, section: PlexLibrarySection) {
    Object.assign(this, section);
    this.key = section.key;
    this.title = section.title;
    this.type = section.type;
    this.locations = section.locations;
    this.#http = http;
  }

  /** Path of the listing, relative to the server. */
  get listingPath(): string {
    return `/library/sections/${encodeURIComponent(this.key)}/all`;
  }

  /** Query of the listing: the item level for this section type, plus filters. */
  listingQuery(filters?: ListingFilters): Query {
    const type = LISTING_TYPE[this.type];
    return { ...(type === undefined ? {} : { type }), ...filters };
  }

  /**
   * Pages of items, one request each. A listing without totalSize is taken as
   * complete in one page. `onProgress` hears the items so far and the total
   * after each page (for progress bars on big sections).
   */
  async *pages(
    filters?: ListingFilters,
    onProgress?: (done: number, total: number) => void,
  ): AsyncGenerator<PlexItem[], void, undefined> {
    const pageSize = this.#http.config.pageSize;
    const query = this.listingQuery(filters);
    for (let start = 0; ; ) {
      const { container } = await this.#http.getContainer(this.listingPath, query, {
        'x-plex-container-start': String(start),
        'x-plex-container-size': String(pageSize),
      });
      const items = itemsOf(container);
      yield items;
      const total = intAttr(container, 'totalSize', 'the listing <MediaContainer>');
      start += items.length;
      onProgress?.(start, Math.max(start, total ?? start));
      if (items.length === 0 || total === undefined || start >= total) return;
    }
  }

  /** Every item, streamed page by page. */
  async *items(filters?: ListingFilters): AsyncGenerator<PlexItem, void, undefined> {
    for await (const page of this.pages(filters)) yield* page;
  }

  [Symbol.asyncIterator](): AsyncGenerator<PlexItem, void, undefined> {
    return this.items();
  }

  /** Every item of the section (movies; episodes for a show section; tracks; photos). */
  async all(filters?: ListingFilters, onProgress?: (done: number, total: number) => void): Promise<PlexItem[]> {
    const items: PlexItem[] = [];
    for await (const page of this.pages(filters, onProgress)) items.push(...page);
    return items;
  }
}
