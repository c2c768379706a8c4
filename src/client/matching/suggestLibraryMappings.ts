import type { MappingSuggestion, SuggestOptions } from '../../core/mappings/suggestMappings.js';
import type { PlexLibrary } from '../PlexLibrary.js';
import type { LibraryIndex } from './LibraryIndex.js';
import { indexOf } from './matchPath.js';

/**
 * suggestMappings for a library on a server (docs/matching.md §8): the
 * section is scanned once (the index matchPath uses, shared), then the
 * sample is compared with its Part files. `paths` is the application's own
 * view of some of its files; the rules go into matchPath's `mappings`.
 */
export async function suggestLibraryMappings(
  library: PlexLibrary | LibraryIndex,
  paths: readonly string[],
  options?: SuggestOptions,
): Promise<MappingSuggestion> {
  if (!Array.isArray(paths)) throw new TypeError('suggestLibraryMappings: paths must be an array of path strings');
  return (await indexOf(library, 'suggestLibraryMappings')).suggestMappings(paths, options);
}
