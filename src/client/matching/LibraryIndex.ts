import { MappingSuggester } from '../../core/mappings/MappingSuggester.js';
import { type MappingSuggestion, type SuggestOptions, suggestMappings } from '../../core/mappings/suggestMappings.js';
import type { MatchOutcome } from '../../core/matcher/MatchOutcome.js';
import { matchInIndex, matchParsed } from '../../core/matcher/matchInIndex.js';
import { PathIndex } from '../../core/matcher/PathIndex.js';
import type { MatchInput } from '../../core/paths/matchInput.js';
import type { MappingOptions } from '../../core/paths/pathMappings.js';
import type { PlexItem } from '../../core/plexItem.js';
import type { PlexLibrary, ScanOptions } from '../PlexLibrary.js';
import type { ItemNote, ListingPage } from '../xml/readListingPage.js';
import { afterRefresh, type LookupResult, type RefreshStep } from './lookupResult.js';

/** The newest addedAt/updatedAt among items: where an incremental refresh starts (server clock, not ours). */
function newestChange(items: Iterable<PlexItem>, from = 0): number {
  let newest = from;
  for (const item of items) newest = Math.max(newest, item.addedAt ?? 0, item.updatedAt ?? 0);
  return newest;
}

/**
 * Every item of one section, indexed for the three strategies
 * (docs/matching.md §5): built from one paged scan or from items in
 * memory; each lookup is O(1).
 */
export class LibraryIndex {
  /** The library it was scanned from; undefined for an index built from items. */
  readonly library: PlexLibrary | undefined;
  #index: PathIndex;
  #newest: number;
  /** The incremental refresh in flight, which every caller meanwhile shares. */
  #refreshing: Promise<RefreshStep> | undefined;
  /** When the last successful incremental refresh ended (performance.now()). */
  #refreshedAt: number | undefined;
  #listingMoved = false;
  #skipped: readonly ItemNote[] = [];

  private constructor(index: PathIndex, library: PlexLibrary | undefined, newest: number) {
    this.#index = index;
    this.library = library;
    this.#newest = newest;
  }

  /**
   * One paged scan into a new PathIndex, keeping of each item what matching needs (docs/client.md).
   * A scan that the listing moved under (items added or removed while it was read) may lack an item
   * that moved between pages, and no incremental refresh would bring an old item back: such a scan
   * is done once more, and `moved` says whether that one moved too.
   */
  static async #scan(
    library: PlexLibrary,
    options: Omit<ScanOptions, 'fields'> = {},
  ): Promise<{ index: PathIndex; newest: number; moved: boolean; skipped: ItemNote[] }> {
    for (let pass = 1; ; pass += 1) {
      const index = new PathIndex();
      let newest = 0;
      let moved = false;
      const skipped: ItemNote[] = [];
      for await (const page of library.scan({ ...options, fields: 'matching' })) {
        index.upsert(page.items);
        newest = Math.max(newest, page.newestChange);
        moved = page.listingMoved;
        for (const note of page.notes) if (note.skipped) skipped.push(note);
      }
      if (moved) {
        library.logger.warn(
          pass === 1
            ? `plexmatch: library "${library.title}" changed while it was scanned; scanning it once more so no item that moved is missing`
            : `plexmatch: library "${library.title}" changed again during the second scan; an item that moved may be missing until refresh()`,
        );
      }
      if (!moved || pass === 2) return { index, newest, moved, skipped };
    }
  }

  /**
   * Scans the whole section once (paged) and indexes each page as it
   * arrives; `onProgress` hears items so far and the total after each page.
   */
  static async fromLibrary(
    library: PlexLibrary,
    onProgress?: (done: number, total: number) => void,
  ): Promise<LibraryIndex> {
    const { index, newest, moved, skipped } = await LibraryIndex.#scan(library, { onProgress });
    const built = new LibraryIndex(index, library, newest);
    built.#listingMoved = moved;
    built.#skipped = skipped;
    return built;
  }

  static fromItems(items: Iterable<PlexItem>): LibraryIndex {
    const index = PathIndex.fromItems(items);
    return new LibraryIndex(index, undefined, newestChange(index.items()));
  }

  /** True when the section changed during the scan that built this index, and during the scan again after it. */
  get listingMoved(): boolean {
    return this.#listingMoved;
  }

  /** The items of the section the scan skipped, with why (no ratingKey, no Part with a file): not indexed. */
  get skipped(): readonly ItemNote[] {
    return this.#skipped;
  }

  /** Distinct items indexed. */
  get size(): number {
    return this.#index.size;
  }

  items(): IterableIterator<PlexItem> {
    return this.#index.items();
  }

  /** The prefix mappings that make `paths` this section's Part files (docs/matching.md §8); no I/O. */
  suggestMappings(paths: readonly string[], options?: SuggestOptions): MappingSuggestion {
    return suggestMappings(this.#index, paths, options);
  }

  /** suggestMappings fed a path at a time, for a sample too big to hold (docs/matching.md §8.1). */
  mappingSuggester(options?: SuggestOptions): MappingSuggester {
    return new MappingSuggester(this.#index, options);
  }

  /** Matches a path against every item (docs/matching.md §3); synchronous, no I/O. */
  match(path: string, options?: MappingOptions): MatchOutcome {
    return matchInIndex(this.#index, path, options);
  }

  /**
   * A lookup as matchPath does it (docs/matching.md §5), for input already
   * checked: match, and on a miss in a scanned index, refresh (at most once
   * per refreshIntervalMs) and match once more. `refreshOnMiss: false`
   * looks once.
   */
  async lookup(input: MatchInput, refreshOnMiss = true): Promise<LookupResult> {
    const first = matchParsed(this.#index, input);
    if (first.status !== 'not_found' || !refreshOnMiss || this.library === undefined) return first;
    const refresh = await this.refreshAfterMiss();
    return afterRefresh(first, refresh, matchParsed(this.#index, input));
  }

  #requireLibrary(what: string): PlexLibrary {
    if (this.library === undefined)
      throw new TypeError(`LibraryIndex.${what}(): this index was built from items, not scanned from a library`);
    return this.library;
  }

  /** Re-scans the whole section and replaces the index (the only way to notice deletions). */
  async refresh(): Promise<RefreshStep> {
    const { index, newest, moved, skipped } = await LibraryIndex.#scan(this.#requireLibrary('refresh'));
    this.#index = index;
    this.#newest = newest;
    this.#listingMoved = moved;
    this.#skipped = skipped;
    return { step: 'refresh', kind: 'full', itemsFetched: index.size };
  }

  /**
   * Fetches only items added or updated since the newest change already
   * indexed (with one second of overlap) and replaces them by ratingKey.
   * Does not notice deletions; see docs/matching.md §5. A call while one is
   * in flight shares it.
   */
  refreshIncremental(): Promise<RefreshStep> {
    const library = this.#requireLibrary('refreshIncremental');
    if (this.#refreshing !== undefined) return this.#refreshing;
    const pending = this.#fetchChanges(library)
      .then((step) => {
        this.#refreshedAt = performance.now(); // a failed refresh does not count: the next miss asks again
        return step;
      })
      .finally(() => {
        this.#refreshing = undefined;
      });
    this.#refreshing = pending;
    return pending;
  }

  async #fetchChanges(library: PlexLibrary): Promise<RefreshStep> {
    const since = Math.max(0, this.#newest - 1);
    // Two filters: Plex documents no rule that adding an item sets its updatedAt, and it may take
    // addedAt from the file's modification time, so either alone can miss a new file (docs/matching.md §5).
    // Both asked at once: a miss on a slow server waits one round trip, not two.
    const pages: ListingPage[] = [];
    const scans = ['addedAt>>', 'updatedAt>>'].map(async (filter) => {
      for await (const page of library.scan({ filters: { [filter]: since }, fields: 'matching' })) pages.push(page);
    });
    // Both are waited for (no request is left running), and the index changes only if both worked.
    for (const settled of await Promise.allSettled(scans)) if (settled.status === 'rejected') throw settled.reason;
    for (const page of pages) {
      this.#index.upsert(page.items);
      this.#newest = Math.max(this.#newest, page.newestChange);
    }
    return {
      step: 'refresh',
      kind: 'incremental',
      itemsFetched: pages.reduce((sum, page) => sum + page.items.length, 0),
    };
  }

  /**
   * What matchPath does on a miss (docs/matching.md §5): an incremental
   * refresh, but at most one per library's refreshIntervalMs. A miss while
   * one is in flight waits for it and shares its answer; a miss within the
   * interval after the last one makes no request at all.
   */
  async refreshAfterMiss(): Promise<RefreshStep> {
    const library = this.#requireLibrary('refreshAfterMiss');
    if (this.#refreshing !== undefined) return { ...(await this.#refreshing), shared: true };
    const age = this.#refreshedAt === undefined ? undefined : performance.now() - this.#refreshedAt;
    if (age !== undefined && age < library.refreshIntervalMs) {
      return { step: 'refresh', kind: 'recent', itemsFetched: 0, ageMs: Math.round(age) };
    }
    return this.refreshIncremental();
  }
}
