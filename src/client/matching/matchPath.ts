import { parseMatchInput } from '../../core/paths/matchInput.js';
import type { MappingOptions } from '../../core/paths/pathMappings.js';
import type { PlexLogger } from '../logger.js';
import { PlexLibrary } from '../PlexLibrary.js';
import { LibraryIndex } from './LibraryIndex.js';
import type { LookupResult } from './lookupResult.js';

/** Options of matchPath and findPlexItemByPath. */
export interface MatchOptions extends MappingOptions {
  /** Warnings (ambiguity) and debug lines (which strategy decided). */
  readonly logger?: PlexLogger;
  /** For a scanned library: on not_found, fetch what changed and look once more. Default true. */
  readonly refreshOnMiss?: boolean;
}

/** One index per PlexLibrary object, built on first use (one paged scan). */
const indexes = new WeakMap<PlexLibrary, Promise<LibraryIndex>>();

/** The index of a library, scanned on first use and shared by matchPath and suggestLibraryMappings. */
function indexFor(library: PlexLibrary): Promise<LibraryIndex> {
  let pending = indexes.get(library);
  if (pending === undefined) {
    pending = LibraryIndex.fromLibrary(library);
    indexes.set(library, pending);
    // A failed scan is not kept: the next call scans again.
    pending.catch(() => indexes.delete(library));
  }
  return pending;
}

/**
 * Which item of `library` has a media part that is the file at `path`
 * (docs/matching.md). `library` is a PlexLibrary (indexed on first use) or
 * a LibraryIndex. Bad input is a MatchInputError before any I/O. A miss on
 * a scanned library is re-checked after an incremental refresh (at most
 * one per refreshIntervalMs, shared by the misses meanwhile), so newly
 * added files are found and misses are never cached.
 */
export async function matchPath(
  library: PlexLibrary | LibraryIndex,
  path: string,
  options?: MatchOptions,
): Promise<LookupResult> {
  const input = parseMatchInput(path, options, ['logger', 'refreshOnMiss']);
  const index = await indexOf(library, 'matchPath');
  return index.lookup(input, options?.refreshOnMiss !== false);
}

/** A PlexLibrary's index (scanned on first use) or the LibraryIndex given; anything else is a TypeError naming `who`. */
export async function indexOf(library: PlexLibrary | LibraryIndex, who: string): Promise<LibraryIndex> {
  const index = library instanceof PlexLibrary ? await indexFor(library) : library;
  if (!(index instanceof LibraryIndex)) throw new TypeError(`${who}: library must be a PlexLibrary or a LibraryIndex`);
  return index;
}
