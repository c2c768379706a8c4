import { mapPath } from '../paths/mapPath.js';
import { type MatchInput, parseMatchInput } from '../paths/matchInput.js';
import { nfc } from '../paths/normalizeText.js';
import { familyOf, formatPath, type ParsedPath } from '../paths/parsePath.js';
import type { MappingOptions } from '../paths/pathMappings.js';
import { MatchOutcome } from './MatchOutcome.js';
import type { PathIndex } from './PathIndex.js';
import { LookupKeys, strategiesInOrder } from './strategies.js';

/**
 * The decision procedure of docs/matching.md §3 over an index: check the
 * input (§1), map the path, then try exact, filename, filename_ci; the
 * first strategy with a qualifying item decides (one → matched, more →
 * ambiguous). Throws MatchInputError for a bad path or mapping.
 */
export function matchInIndex(index: PathIndex, path: string, options?: MappingOptions): MatchOutcome {
  return matchParsed(index, parseMatchInput(path, options));
}

/**
 * The path as given when it is already what formatPath would write of its parse: an unmapped POSIX
 * path with no doubled separator (the common case of a hit: no string is rebuilt). Undefined otherwise.
 */
function writtenPath(input: MatchInput, unmapped: ParsedPath | undefined): string | undefined {
  return unmapped?.style === 'posix' && !input.path.includes('//') ? input.path : undefined;
}

/**
 * matchInIndex for input already checked by parseMatchInput (a caller that checks it before any I/O).
 * Each strategy is a count of the items under its key, from the index's own structures; no item is
 * decoded here (the result decodes what is read of it).
 */
export function matchParsed(index: PathIndex, input: MatchInput): MatchOutcome {
  const mapped = mapPath(input.parsed, input.mappings);
  const mappedPath = nfc(
    writtenPath(input, mapped.mapping === undefined ? mapped.path : undefined) ?? formatPath(mapped.path),
  );
  const keys = new LookupKeys(mappedPath, familyOf(mapped.path.style) === 'windows');
  let tried = 0;
  let count = 0;
  while (tried < strategiesInOrder.length && count === 0) {
    const { kind } = strategiesInOrder[tried] as (typeof strategiesInOrder)[number];
    count = index.count(kind, keys[kind]);
    tried += 1;
  }
  return new MatchOutcome(index, input, mapped.mapping, mappedPath, keys, tried, count);
}
