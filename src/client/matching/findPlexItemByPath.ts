import type { PlexItem } from '../../core/plexItem.js';
import type { PlexLibrary } from '../PlexLibrary.js';
import type { LibraryIndex } from './LibraryIndex.js';
import { type MatchOptions, matchPath } from './matchPath.js';

/**
 * The original plan's API (docs/plex-api.md §6): the matched item, or null when nothing or more than one
 * item qualifies (the latter logged as a warning with the candidates'
 * files). Bad input throws MatchInputError; it is never a null.
 */
export async function findPlexItemByPath(
  library: PlexLibrary | LibraryIndex,
  path: string,
  options: MatchOptions = {},
): Promise<PlexItem | null> {
  const result = await matchPath(library, path, options);
  const { logger } = options;
  if (result.status === 'matched') {
    logger?.debug?.(
      `plexmatch: ${JSON.stringify(path)} matched ratingKey ${result.item?.ratingKey} by ${result.strategy}`,
    );
    return result.item ?? null;
  }
  if (result.status === 'ambiguous') {
    const listed = result.candidates.map((c) => `${c.ratingKey} (${c.files.map((f) => JSON.stringify(f)).join(', ')})`);
    const more = result.candidateCount > listed.length ? ` and ${result.candidateCount - listed.length} more` : '';
    logger?.warn(
      `plexmatch: ${JSON.stringify(path)} is ambiguous by ${result.strategy}: ${result.candidateCount} items qualify (${result.reason}): ${listed.join('; ')}${more}`,
    );
  }
  return null;
}
