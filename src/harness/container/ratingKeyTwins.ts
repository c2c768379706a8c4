import type { PlexItem } from '../../core/plexItem.js';

/** What makes an item the same item on two servers: its files, and for an episode its number. */
function identity(item: PlexItem): string {
  const files = item.media.flatMap((m) => m.parts.map((p) => p.file)).sort();
  return `${files.join('\n')}#${item.type === 'episode' ? (item.index ?? '') : ''}`;
}

/**
 * A real server numbers its items itself, so a fixture's ratingKey "101" is
 * some other key there. The twin of a fixture item is the server item with
 * the same files (and episode number); expectations are translated through
 * this map, and an item without a twin keeps its key, so the difference shows.
 */
export function ratingKeyTwins(expected: readonly PlexItem[], actual: readonly PlexItem[]): Map<string, string> {
  const byIdentity = new Map<string, string>();
  for (const item of actual) byIdentity.set(identity(item), item.ratingKey);
  const twins = new Map<string, string>();
  for (const item of expected) {
    const twin = byIdentity.get(identity(item));
    if (twin !== undefined) twins.set(item.ratingKey, twin);
  }
  return twins;
}
