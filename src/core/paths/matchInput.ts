import { MatchInputError } from './MatchInputError.js';
import { parseInputPath } from './parseInputPath.js';
import type { ParsedPath } from './parsePath.js';
import { type CompiledMapping, compiledMappingsOf, type MappingOptions } from './pathMappings.js';

/** A lookup's input, checked: the path as given and parsed, and the mappings compiled. */
export interface MatchInput {
  readonly path: string;
  readonly parsed: ParsedPath;
  readonly mappings: readonly CompiledMapping[];
}

/** The options of the matcher itself (docs/matching.md §1.2). */
const MAPPING_OPTIONS = ['mappings', 'stashPathPrefix', 'plexPathPrefix'];

/**
 * Checks and prepares a lookup's input (docs/matching.md §1): the options
 * (an object naming only known options: the mapping options, and `more`,
 * the names a caller adds), then the mappings, then the path, so when both
 * are bad the error names the mapping. Throws MatchInputError. Done once
 * per lookup, before any I/O.
 */
export function parseMatchInput(path: unknown, options?: MappingOptions, more: readonly string[] = []): MatchInput {
  if (options !== undefined) {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      const got = options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options;
      throw new MatchInputError(
        'INVALID_OPTIONS',
        'options',
        `must be an object such as { mappings: [...] }, got ${got}`,
      );
    }
    const known = [...MAPPING_OPTIONS, ...more];
    const unknown = Object.keys(options).find((name) => !known.includes(name));
    if (unknown !== undefined) {
      throw new MatchInputError('INVALID_OPTIONS', unknown, `is not an option; known options are ${known.join(', ')}`);
    }
  }
  const mappings = compiledMappingsOf(options);
  return { path: path as string, parsed: parseInputPath(path), mappings };
}
