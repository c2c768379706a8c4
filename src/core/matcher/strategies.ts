import { fileNameOf } from '../paths/fileName.js';
import { foldCase } from '../paths/normalizeText.js';
import type { StrategyName, TraceReason } from './MatchResult.js';
import type { KeyKind } from './PathIndex.js';

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

/** One strategy of §3: the key it compares, why an item under it is kept, and why a near miss is not. */
export interface Strategy {
  readonly strategy: StrategyName;
  readonly kind: KeyKind;
  readonly keptWhy: TraceReason;
  /** Near misses are the items under the folded file name that did not qualify; none for strategy 3. */
  readonly nearbyWhy: TraceReason | undefined;
}

/**
 * The strategies in the order they are tried: a Part file is the mapped path (§3.1), has the same
 * file name, NFC, case-sensitive (§3.2), has the same case-folded file name (§3.3). Each one is a
 * count of the distinct items under its key (PathIndex.count): the first with any decides.
 */
export const strategiesInOrder: readonly Strategy[] = [
  { strategy: 'exact', kind: 'exact', keptWhy: 'same_path', nearbyWhy: 'different_path' },
  { strategy: 'filename', kind: 'name', keptWhy: 'same_name', nearbyWhy: 'different_case' },
  { strategy: 'filename_ci', kind: 'folded', keptWhy: 'same_folded_name', nearbyWhy: undefined },
];
