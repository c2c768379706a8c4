import { familyOf, type ParsedPath } from './parsePath.js';
import { type CompiledMapping, segmentKey } from './pathMappings.js';

/** The path after mapping, and the mapping that produced it (undefined: none applied, the path is unchanged). */
export interface MappedPath {
  readonly path: ParsedPath;
  readonly mapping: CompiledMapping | undefined;
}

/** A path segment equals a compiled `from` segment (an identical POSIX segment, the common case, needs no normalizing). */
function sameSegment(segment: string, key: string | undefined, windows: boolean): boolean {
  return (!windows && segment === key) || segmentKey(segment, windows) === key;
}

/** True when `mapping.from` contains `path` (§2.3): same family, and every segment of `from` equals the path's. */
function contains(mapping: CompiledMapping, path: ParsedPath, windows: boolean): boolean {
  const keys = mapping.fromKeys;
  if (keys.length - 1 > path.segments.length) return false;
  if (!sameSegment(path.root, keys[0], windows)) return false;
  for (let i = 1; i < keys.length; i += 1) {
    if (!sameSegment(path.segments[i - 1] as string, keys[i], windows)) return false;
  }
  return true;
}

/**
 * Applies the first mapping whose `from` contains `path` (§2.1): `to`
 * followed by the rest of the path, in `to`'s style (§2.4). Text is not
 * normalized here; the matcher takes the NFC form of the result.
 */
export function mapPath(path: ParsedPath, mappings: readonly CompiledMapping[]): MappedPath {
  const windows = familyOf(path.style) === 'windows';
  for (const mapping of mappings) {
    if (familyOf(mapping.from.style) !== familyOf(path.style) || !contains(mapping, path, windows)) continue;
    const rest = path.segments.slice(mapping.from.segments.length);
    return {
      path: { style: mapping.to.style, root: mapping.to.root, segments: [...mapping.to.segments, ...rest] },
      mapping,
    };
  }
  return { path, mapping: undefined };
}
