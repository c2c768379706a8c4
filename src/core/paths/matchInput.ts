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

/**
 * Checks and prepares a lookup's input (docs/matching.md §1): the mappings
 * first, then the path, so when both are bad the error names the mapping.
 * Throws MatchInputError. Done once per lookup, before any I/O.
 */
export function parseMatchInput(path: unknown, options?: MappingOptions): MatchInput {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw new MatchInputError(
      'INVALID_MAPPING',
      'options',
      `must be an object of mapping options, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`,
    );
  }
  const mappings = compiledMappingsOf(options);
  return { path: path as string, parsed: parseInputPath(path), mappings };
}
