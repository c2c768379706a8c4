import type { PlexItem } from '../core/plexItem.js';
import { listPages } from './listing/listPages.js';
import type { ScannedPage } from './listing/scanListing.js';
import type { PlexLogger } from './logger.js';
import type { PlexHttp, Query } from './PlexHttp.js';
import { redactText } from './redact.js';
import { type ItemFields, type ItemNote, readListingPage } from './xml/readListingPage.js';
import type { PlexLibrarySection, PlexLocation } from './xml/toLibrarySection.js';

/**
 * The `type=` that makes `/all` list items with media: a show section
 * lists shows without it and episodes with type=4 (docs/client.md).
 */
export const LISTING_TYPE: Readonly<Record<string, number>> = { movie: 1, show: 4, artist: 10, photo: 13 };

/** Extra listing filters Plex understands, e.g. { 'addedAt>>': 1700000000 }. */
export type ListingFilters = Query;

/** What `PlexLibrary.scan` lists and reports. */
export interface ScanOptions {
  readonly filters?: ListingFilters;
  /** Hears the items so far and the total after each page (for progress bars). */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** `full` (default): every field of the item model; `matching`: what a LibraryIndex keeps. */
  readonly fields?: ItemFields;
}

/**
 * One library section, listed page by page with X-Plex-Container-Start/Size
 * until totalSize is reached, several pages at a time (pageConcurrency).
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
  /** What was said about odd items already: each is reported once per library object. */
  readonly #reported = new Set<string>();

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

  /** The client's logger. */
  get logger(): PlexLogger {
    return this.#http.config.logger;
  }

  /** How long matchPath waits before asking this library what changed again (the client's refreshIntervalMs). */
  get refreshIntervalMs(): number {
    return this.#http.config.refreshIntervalMs;
  }

  /** Query of the listing: the item level for this section type, plus filters. */
  listingQuery(filters?: ListingFilters): Query {
    const type = LISTING_TYPE[this.type];
    return { ...(type === undefined ? {} : { type }), ...filters };
  }

  /**
   * The listing page by page, in order, with what each page says besides
   * its items (docs/client.md, "Paging"). A listing without totalSize is
   * taken as complete in one page.
   */
  async *scan(options: ScanOptions = {}): AsyncGenerator<ScannedPage, void, undefined> {
    const fields = options.fields ?? 'full';
    const read = (body: readonly Buffer[], clock: number) => readListingPage(body, fields, clock);
    const pages = listPages(
      this.#http,
      this.listingPath,
      this.listingQuery(options.filters),
      read,
      `listing library "${this.title}"`,
    );
    let done = 0;
    for await (const page of pages) {
      done += page.items.length;
      for (const note of page.notes) this.#report(note);
      yield page;
      options.onProgress?.(done, Math.max(done, page.totalSize ?? done));
    }
  }

  /** One logger warning per odd item (docs/client.md, "Odd items"), the first time it is met. */
  #report(note: ItemNote): void {
    const who = `<${note.tag}${note.ratingKey === undefined ? '' : ` ratingKey="${note.ratingKey}"`}${note.title === undefined ? '' : ` title="${note.title}"`}>`;
    const line = note.skipped ? `skipped ${who}: it ${note.problem}` : `${who}: ${note.problem}`;
    if (this.#reported.has(line)) return;
    this.#reported.add(line);
    this.logger.warn(redactText(`plexmatch: library "${this.title}": ${line}`, this.#http.config.token));
  }

  /** Pages of items in listing order; `onProgress` hears the items so far and the total after each page. */
  async *pages(
    filters?: ListingFilters,
    onProgress?: (done: number, total: number) => void,
  ): AsyncGenerator<PlexItem[], void, undefined> {
    for await (const page of this.scan({ ...(filters === undefined ? {} : { filters }), onProgress })) {
      yield page.items;
    }
  }

  /** Every item, streamed page by page. */
  async *items(filters?: ListingFilters): AsyncGenerator<PlexItem, void, undefined> {
    for await (const page of this.pages(filters)) yield* page;
  }

  [Symbol.asyncIterator](): AsyncGenerator<PlexItem, void, undefined> {
    return this.items();
  }

  /**
   * Every item of the section (movies; episodes for a show section; tracks; photos), each once. When
   * the listing changed while it was read, the logger says so: an item that moved may be missing.
   */
  async all(filters?: ListingFilters, onProgress?: (done: number, total: number) => void): Promise<PlexItem[]> {
    const items: PlexItem[] = [];
    let moved = false;
    for await (const page of this.scan({ ...(filters === undefined ? {} : { filters }), onProgress })) {
      for (const item of page.items) items.push(item);
      moved = page.listingMoved;
    }
    if (moved) {
      this.logger.warn(
        `plexmatch: library "${this.title}" changed while it was listed; an item that moved between pages may be missing (list it again)`,
      );
    }
    return items;
  }
}
