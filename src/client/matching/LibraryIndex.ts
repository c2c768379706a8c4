import type { MatchOutcome } from '../../core/matcher/MatchOutcome.js';
import type { RefreshStep } from '../../core/matcher/MatchResult.js';
import { matchInIndex } from '../../core/matcher/matchInIndex.js';
import { PathIndex } from '../../core/matcher/PathIndex.js';
import { type CompiledMapping, compileMappings, type MappingOptions } from '../../core/paths/pathMappings.js';
import type { PlexItem } from '../../core/plexItem.js';
import type { PlexLibrary } from '../PlexLibrary.js';

/** The newest addedAt/updatedAt among items: where an incremental refresh starts (server clock, not ours). */
function newestChange(items: Iterable<PlexItem>, from = 0): number {
  let newest = from;
  for (const item of items) newest = Math.max(newest, item.addedAt ?? 0, item.updatedAt ?? 0);
  return newest;
}

/** Mappings compiled once per options object, so a loop of lookups with the same options pays once. */
const compiledCache = new WeakMap<MappingOptions, CompiledMapping[]>();

export function compiledMappingsOf(options: MappingOptions | undefined): CompiledMapping[] {
  if (options === undefined) return [];
  let compiled = compiledCache.get(options);
  if (compiled === undefined) {
    compiled = compileMappings(options);
    compiledCache.set(options, compiled);
  }
  return compiled;
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

  private constructor(index: PathIndex, library: PlexLibrary | undefined) {
    this.#index = index;
    this.library = library;
    this.#newest = newestChange(index.items());
  }

  /** Scans the whole section once (paged) and indexes it. */
  /** Scans the whole section (paged); `onProgress` hears items so far and the total after each page. */
  static async fromLibrary(
    library: PlexLibrary,
    onProgress?: (done: number, total: number) => void,
  ): Promise<LibraryIndex> {
    return new LibraryIndex(PathIndex.fromItems(await library.all(undefined, onProgress)), library);
  }

  static fromItems(items: Iterable<PlexItem>): LibraryIndex {
    return new LibraryIndex(PathIndex.fromItems(items), undefined);
  }

  /** Distinct items indexed. */
  get size(): number {
    return this.#index.size;
  }

  items(): IterableIterator<PlexItem> {
    return this.#index.items();
  }

  /** Matches a path against every item (docs/matching.md §3); synchronous, no I/O. */
  match(path: string, options?: MappingOptions): MatchOutcome {
    return matchInIndex(this.#index, path, compiledMappingsOf(options));
  }

  #requireLibrary(what: string): PlexLibrary {
    if (this.library === undefined)
      throw new TypeError(`LibraryIndex.${what}(): this index was built from items, not scanned from a library`);
    return this.library;
  }

  /** Re-scans the whole section and replaces the index (the only way to notice deletions). */
  async refresh(): Promise<RefreshStep> {
    const items = await this.#requireLibrary('refresh').all();
    this.#index = PathIndex.fromItems(items);
    this.#newest = newestChange(this.#index.items());
    return { step: 'refresh', kind: 'full', itemsFetched: items.length };
  }

  /**
   * Fetches only items added or updated since the newest change already
   * indexed (with one second of overlap) and replaces them by ratingKey.
   * Does not notice deletions; see docs/matching.md §5.
   */
  async refreshIncremental(): Promise<RefreshStep> {
    const library = this.#requireLibrary('refreshIncremental');
    const since = Math.max(0, this.#newest - 1);
    const added = await library.all({ 'addedAt>>': since });
    const updated = await library.all({ 'updatedAt>>': since });
    this.#index.upsert([...added, ...updated]);
    this.#newest = newestChange([...added, ...updated], this.#newest);
    return { step: 'refresh', kind: 'incremental', itemsFetched: added.length + updated.length };
  }
}
