import { MatchInputError } from './MatchInputError.js';
import { foldCase, nfc } from './normalizeText.js';
import { parseAbsolute } from './parseInputPath.js';
import { familyOf, type ParsedPath } from './parsePath.js';

/** How the asking application's paths become the Plex server's: `from` (application) → `to` (server). */
export interface PathMapping {
  readonly from: string;
  readonly to: string;
}

/** The mapping options of the spec (docs/matching.md §1.2): the original plan's pair and/or a list. */
export interface MappingOptions {
  /** The application's prefix of the original plan's pair; requires plexPathPrefix. */
  readonly stashPathPrefix?: string;
  /** The server's prefix of the original plan's pair; requires stashPathPrefix. */
  readonly plexPathPrefix?: string;
  readonly mappings?: readonly PathMapping[];
}

/** A validated mapping, with `from` pre-normalized for comparison. */
export interface CompiledMapping {
  /** Where it came from: "stashPathPrefix/plexPathPrefix" or "mappings[2]". */
  readonly label: string;
  readonly source: PathMapping;
  readonly from: ParsedPath;
  readonly to: ParsedPath;
  /** Root and segments of `from` in comparison form (NFC; case-folded for Windows). */
  readonly fromKeys: readonly string[];
}

/** A segment in comparison form for its family. */
export function segmentKey(segment: string, windows: boolean): string {
  return windows ? foldCase(segment) : nfc(segment);
}

/** A path's root and segments in comparison form: what `from` is compared by (§2.3). */
export function prefixKeys(path: ParsedPath): string[] {
  const windows = familyOf(path.style) === 'windows';
  return [segmentKey(path.root, windows), ...path.segments.map((segment) => segmentKey(segment, windows))];
}

/** True when prefix `keys` (root first) contains the path whose keys are `pathKeys` (§2.3). */
function containsKeys(prefix: readonly string[], pathKeys: readonly string[]): boolean {
  if (prefix.length > pathKeys.length) return false;
  for (let i = 0; i < prefix.length; i += 1) if (prefix[i] !== pathKeys[i]) return false;
  return true;
}

/** True when `earlier`, tried first, would take every path `later` could apply to (§2.2). */
export function shadows(earlier: CompiledMapping, later: CompiledMapping): boolean {
  return familyOf(earlier.from.style) === familyOf(later.from.style) && containsKeys(earlier.fromKeys, later.fromKeys);
}

function compile(label: string, from: unknown, to: unknown, fromInput: string, toInput: string): CompiledMapping {
  const parsedFrom = parseAbsolute(from, fromInput, 'directory', 'INVALID_MAPPING');
  const parsedTo = parseAbsolute(to, toInput, 'directory', 'INVALID_MAPPING');
  return {
    label,
    source: { from: from as string, to: to as string },
    from: parsedFrom,
    to: parsedTo,
    fromKeys: prefixKeys(parsedFrom),
  };
}

/** Mappings compiled once per options object, so a loop of lookups with the same options pays once. */
const compiled = new WeakMap<MappingOptions, readonly CompiledMapping[]>();

/** compileMappings, remembered per options object (an options object is compiled, and checked, once). */
export function compiledMappingsOf(options: MappingOptions | undefined): readonly CompiledMapping[] {
  if (options === undefined) return [];
  let found = compiled.get(options);
  if (found === undefined) {
    found = compileMappings(options);
    compiled.set(options, found);
  }
  return found;
}

/**
 * Validates and compiles the mapping options in the order they are tried
 * (§2.1: the pair first, then the list). Rejects a pair given by halves
 * and a mapping that an earlier one shadows (§2.2).
 */
export function compileMappings(options: MappingOptions | undefined): CompiledMapping[] {
  if (options === undefined) return [];
  const list: CompiledMapping[] = [];
  const { stashPathPrefix, plexPathPrefix, mappings } = options;
  if ((stashPathPrefix === undefined) !== (plexPathPrefix === undefined)) {
    const [given, missing] =
      stashPathPrefix === undefined ? ['plexPathPrefix', 'stashPathPrefix'] : ['stashPathPrefix', 'plexPathPrefix'];
    throw new MatchInputError(
      'INVALID_MAPPING',
      given,
      `must be given together with ${missing} (the pair is one mapping: stashPathPrefix → plexPathPrefix)`,
    );
  }
  if (stashPathPrefix !== undefined) {
    list.push(
      compile('stashPathPrefix/plexPathPrefix', stashPathPrefix, plexPathPrefix, 'stashPathPrefix', 'plexPathPrefix'),
    );
  }
  if (mappings !== undefined) {
    if (!Array.isArray(mappings))
      throw new MatchInputError('INVALID_MAPPING', 'mappings', 'must be a list of { from, to } objects');
    mappings.forEach((mapping: unknown, i) => {
      const label = `mappings[${i}]`;
      if (typeof mapping !== 'object' || mapping === null) {
        throw new MatchInputError('INVALID_MAPPING', label, 'must be an object { from, to }');
      }
      const { from, to } = mapping as Partial<PathMapping>;
      list.push(compile(label, from, to, `${label}.from`, `${label}.to`));
    });
  }
  list.forEach((later, j) => {
    for (const earlier of list.slice(0, j)) {
      if (shadows(earlier, later)) {
        throw new MatchInputError(
          'INVALID_MAPPING',
          later.label,
          `can never apply: ${earlier.label} comes first and its from (${JSON.stringify(earlier.source.from)}) contains this from (${JSON.stringify(later.source.from)}); list the longer prefix first`,
        );
      }
    }
  });
  return list;
}
