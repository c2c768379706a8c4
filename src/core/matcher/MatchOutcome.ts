import type { MatchInput } from '../paths/matchInput.js';
import type { CompiledMapping, PathMapping } from '../paths/pathMappings.js';
import type { PlexItem } from '../plexItem.js';
import type {
  MatchCandidate,
  MatchResult,
  MatchStatus,
  StrategyName,
  StrategyStep,
  TraceNote,
  TraceReason,
  TraceStep,
} from './MatchResult.js';
import { MAX_CANDIDATES, MAX_TRACE_NOTES } from './MatchResult.js';
import { filesUnder, type KeyKind, type PathIndex } from './PathIndex.js';
import { type LookupKeys, type Strategy, strategiesInOrder } from './strategies.js';

function toCandidate(item: PlexItem, kind: KeyKind, key: string): MatchCandidate {
  return { ratingKey: item.ratingKey, title: item.title, type: item.type, files: filesUnder(item, kind, key), item };
}

function note(item: PlexItem, kind: KeyKind, key: string, why: TraceReason): TraceNote {
  return { ratingKey: item.ratingKey, title: item.title, file: filesUnder(item, kind, key)[0] ?? '', why };
}

/** A strategy's step of the trace: what it kept and the near misses it did not, from the index. */
function strategyStep(index: PathIndex, keys: LookupKeys, strategy: Strategy, keptCount: number): StrategyStep {
  const { kind, nearbyWhy } = strategy;
  const compared = keys[kind];
  // Every kept item is also under the folded file name (same path or same name implies it).
  const rejectedCount = nearbyWhy === undefined ? 0 : Math.max(0, index.count('folded', keys.folded) - keptCount);
  const rejected =
    rejectedCount > 0 && nearbyWhy !== undefined
      ? index
          .lookupOutside('folded', keys.folded, kind, compared, MAX_TRACE_NOTES)
          .map((item) => note(item, 'folded', keys.folded, nearbyWhy))
      : [];
  return {
    step: 'strategy',
    strategy: strategy.strategy,
    compared,
    outcome: keptCount === 0 ? 'none' : keptCount === 1 ? 'matched' : 'ambiguous',
    kept: index.lookup(kind, compared, MAX_TRACE_NOTES).map((item) => note(item, kind, compared, strategy.keptWhy)),
    keptCount,
    rejected,
    rejectedCount,
  };
}

/**
 * A MatchResult built from counts: the strategies decided on how many
 * items are under each key, and nothing was decoded. The item is decoded
 * when it is first read, the candidate list and the trace are built when
 * they are first read (most callers only need the status and the item,
 * and the trace costs more than the lookup). toJSON includes them all, so
 * a serialized result is complete.
 */
export class MatchOutcome implements MatchResult {
  readonly status: MatchStatus;
  declare readonly strategy?: StrategyName;
  declare readonly item?: PlexItem;
  readonly candidateCount: number;
  declare readonly reason?: 'same_file' | 'same_name';
  readonly path: string;
  readonly mappedPath: string;
  declare readonly mapping?: { readonly label: string } & PathMapping;
  readonly #index: PathIndex;
  readonly #input: MatchInput;
  readonly #keys: LookupKeys;
  /** How many strategies were tried; the last one tried decided, unless nothing was found. */
  readonly #tried: number;
  #item: PlexItem | undefined;
  #candidates: readonly MatchCandidate[] | undefined;
  #trace: readonly TraceStep[] | undefined;

  /** The item of a matched result, an own enumerable property as the other fields, decoded on first read. */
  static readonly #itemField: PropertyDescriptor = {
    enumerable: true,
    configurable: true,
    get(this: MatchOutcome): PlexItem {
      this.#item ??= this.#index.lookup(this.#deciding.kind, this.#keys[this.#deciding.kind], 1)[0];
      return this.#item as PlexItem;
    },
  };

  constructor(
    index: PathIndex,
    input: MatchInput,
    mapping: CompiledMapping | undefined,
    mappedPath: string,
    keys: LookupKeys,
    tried: number,
    count: number,
  ) {
    this.#index = index;
    this.#input = input;
    this.#keys = keys;
    this.#tried = tried;
    const deciding = strategiesInOrder[tried - 1] as Strategy;
    this.status = count === 0 ? 'not_found' : count === 1 ? 'matched' : 'ambiguous';
    if (count > 0) (this as { strategy: StrategyName }).strategy = deciding.strategy;
    if (count === 1) Object.defineProperty(this, 'item', MatchOutcome.#itemField);
    this.candidateCount = count;
    if (count > 1) {
      // §3.4: same_file when all candidates share one Part file (a multi-episode file).
      const sameFile = deciding.kind === 'exact' || index.shareOneFile(deciding.kind, keys[deciding.kind]);
      (this as { reason: string }).reason = sameFile ? 'same_file' : 'same_name';
    }
    this.path = input.path;
    this.mappedPath = mappedPath;
    if (mapping !== undefined) (this as { mapping: object }).mapping = { label: mapping.label, ...mapping.source };
  }

  /** The strategy that decided (the last tried). */
  get #deciding(): Strategy {
    return strategiesInOrder[this.#tried - 1] as Strategy;
  }

  /** Distinct qualifying items of the deciding strategy with their qualifying files; at most MAX_CANDIDATES. */
  get candidates(): readonly MatchCandidate[] {
    if (this.#candidates === undefined) {
      const { kind } = this.#deciding;
      const key = this.#keys[kind];
      this.#candidates =
        this.candidateCount === 0
          ? []
          : this.#index.lookup(kind, key, MAX_CANDIDATES).map((item) => toCandidate(item, kind, key));
    }
    return this.#candidates;
  }

  get trace(): readonly TraceStep[] {
    if (this.#trace === undefined) {
      const tried = this.#input.mappings.map((m) => m.label);
      const steps: TraceStep[] = [
        this.mapping === undefined
          ? { step: 'mapping', tried, mappedPath: this.mappedPath }
          : { step: 'mapping', tried, applied: this.mapping, mappedPath: this.mappedPath },
      ];
      for (let k = 0; k < this.#tried; k += 1) {
        const count = k === this.#tried - 1 ? this.candidateCount : 0;
        steps.push(strategyStep(this.#index, this.#keys, strategiesInOrder[k] as Strategy, count));
      }
      this.#trace = steps;
    }
    return this.#trace;
  }

  toJSON(): MatchResult {
    return { ...this, candidates: this.candidates, trace: this.trace };
  }
}
