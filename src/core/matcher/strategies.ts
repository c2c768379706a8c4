import { fileNameOf } from '../paths/fileName.js';
import { foldCase } from '../paths/normalizeText.js';
import type { PlexItem } from '../plexItem.js';
import type { StrategyName, TraceReason } from './MatchResult.js';
import type { KeyKind, PathIndex } from './PathIndex.js';

/**
 * The keys of the path being matched (docs/matching.md §3), each computed
 * once and only when a strategy needs it: most lookups end at `exact`.
 */
export class LookupKeys implements Readonly<Record<KeyKind, string>> {
  /** The mapped path in NFC; case-folded when it is a Windows path. */
  readonly exact: string;
  readonly #mappedPath: string;
  #name: string | undefined;
  #folded: string | undefined;

  constructor(mappedPath: string, windows: boolean) {
    this.#mappedPath = mappedPath;
    this.exact = windows ? foldCase(mappedPath) : mappedPath;
  }

  get name(): string {
    this.#name ??= fileNameOf(this.#mappedPath);
    return this.#name;
  }

  get folded(): string {
    this.#folded ??= foldCase(this.name);
    return this.#folded;
  }
}

/** What one strategy found: the qualifying items, and how to find its near misses for the trace. */
export interface StrategyOutcome {
  readonly strategy: StrategyName;
  readonly kind: KeyKind;
  readonly compared: string;
  readonly kept: readonly PlexItem[];
  readonly keptWhy: TraceReason;
  /** Near misses are the items under the folded file name that did not qualify; none for strategy 3. */
  readonly nearbyWhy: TraceReason | undefined;
}

/** Strategy 1: a Part file is the mapped path (§3.1). */
function matchExact(index: PathIndex, keys: LookupKeys): StrategyOutcome {
  const kept = index.lookup('exact', keys.exact);
  return {
    strategy: 'exact',
    kind: 'exact',
    compared: keys.exact,
    kept,
    keptWhy: 'same_path',
    nearbyWhy: 'different_path',
  };
}

/** Strategy 2: a Part file has the same file name, NFC, case-sensitive (§3.2). */
function matchFileName(index: PathIndex, keys: LookupKeys): StrategyOutcome {
  const kept = index.lookup('name', keys.name);
  return {
    strategy: 'filename',
    kind: 'name',
    compared: keys.name,
    kept,
    keptWhy: 'same_name',
    nearbyWhy: 'different_case',
  };
}

/** Strategy 3: a Part file has the same case-folded file name (§3.3). */
function matchFileNameFolded(index: PathIndex, keys: LookupKeys): StrategyOutcome {
  const kept = index.lookup('folded', keys.folded);
  return {
    strategy: 'filename_ci',
    kind: 'folded',
    compared: keys.folded,
    kept,
    keptWhy: 'same_folded_name',
    nearbyWhy: undefined,
  };
}

export const strategiesInOrder = [matchExact, matchFileName, matchFileNameFolded] as const;
