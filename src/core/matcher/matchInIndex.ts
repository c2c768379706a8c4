import { exactKeyOfFile } from '../paths/exactKey.js';
import { mapPath } from '../paths/mapPath.js';
import { type MatchInput, parseMatchInput } from '../paths/matchInput.js';
import { nfc } from '../paths/normalizeText.js';
import { familyOf, formatPath } from '../paths/parsePath.js';
import type { MappingOptions } from '../paths/pathMappings.js';
import type { PlexItem } from '../plexItem.js';
import { type Decision, MatchOutcome } from './MatchOutcome.js';
import type { PathIndex } from './PathIndex.js';
import { LookupKeys, type StrategyOutcome, strategiesInOrder } from './strategies.js';

/** True when every candidate has a Part that is one and the same file (a multi-episode file). */
function shareOneFile(kept: readonly PlexItem[]): boolean {
  const filesOf = (item: PlexItem) =>
    item.media.flatMap((media) => media.parts.map((part) => exactKeyOfFile(part.file)));
  let common = filesOf(kept[0] as PlexItem).filter((key) => key !== undefined);
  for (let i = 1; i < kept.length && common.length > 0; i += 1) {
    const mine = filesOf(kept[i] as PlexItem);
    common = common.filter((key) => mine.includes(key));
  }
  return common.length > 0;
}

function decide(outcome: StrategyOutcome): Decision {
  if (outcome.kept.length === 1) return { status: 'matched', outcome };
  const reason = outcome.strategy === 'exact' || shareOneFile(outcome.kept) ? 'same_file' : 'same_name';
  return { status: 'ambiguous', outcome, reason };
}

const NOT_FOUND: Decision = { status: 'not_found' };

/**
 * The decision procedure of docs/matching.md §3 over an index: check the
 * input (§1), map the path, then try exact, filename, filename_ci; the
 * first strategy with a qualifying item decides (one → matched, more →
 * ambiguous). Throws MatchInputError for a bad path or mapping.
 */
export function matchInIndex(index: PathIndex, path: string, options?: MappingOptions): MatchOutcome {
  return matchParsed(index, parseMatchInput(path, options));
}

/** matchInIndex for input already checked by parseMatchInput (a caller that checks it before any I/O). */
export function matchParsed(index: PathIndex, input: MatchInput): MatchOutcome {
  const { path, mappings } = input;
  const mapped = mapPath(input.parsed, mappings);
  const mappedPath = nfc(formatPath(mapped.path));
  const keys = new LookupKeys(mappedPath, familyOf(mapped.path.style) === 'windows');
  const outcomes: StrategyOutcome[] = [];
  let decision = NOT_FOUND;
  for (const strategy of strategiesInOrder) {
    const outcome = strategy(index, keys);
    outcomes.push(outcome);
    if (outcome.kept.length > 0) {
      decision = decide(outcome);
      break;
    }
  }
  return new MatchOutcome(decision, path, mappedPath, mapped.mapping, { index, mappings, keys, outcomes });
}
