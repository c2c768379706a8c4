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
import type { LookupKeys, StrategyOutcome } from './strategies.js';

/** What matchInIndex found, before it is shaped into a result. */
export interface Decision {
  readonly status: MatchStatus;
  /** The deciding strategy's outcome (absent for not_found). */
  readonly outcome?: StrategyOutcome;
  readonly reason?: 'same_file' | 'same_name';
}

/** Everything the trace is built from, kept until someone reads it. */
export interface TraceInputs {
  readonly index: PathIndex;
  readonly mappings: readonly CompiledMapping[];
  readonly keys: LookupKeys;
  readonly outcomes: readonly StrategyOutcome[];
}

function toCandidate(item: PlexItem, kind: KeyKind, key: string): MatchCandidate {
  return { ratingKey: item.ratingKey, title: item.title, type: item.type, files: filesUnder(item, kind, key), item };
}

function note(item: PlexItem, kind: KeyKind, key: string, why: TraceReason): TraceNote {
  return { ratingKey: item.ratingKey, title: item.title, file: filesUnder(item, kind, key)[0] ?? '', why };
}

function strategyStep({ index, keys }: TraceInputs, outcome: StrategyOutcome): StrategyStep {
  const { kept, kind, compared, nearbyWhy } = outcome;
  const keptCount = kept.length;
  // Every kept item is also under the folded file name (same path or same name implies it).
  const rejectedCount = nearbyWhy === undefined ? 0 : Math.max(0, index.count('folded', keys.folded) - keptCount);
  const rejected: TraceNote[] = [];
  if (rejectedCount > 0 && nearbyWhy !== undefined) {
    // By ratingKey: every lookup decodes fresh objects.
    const keptKeys = new Set(kept.map((item) => item.ratingKey));
    for (const item of index.lookup('folded', keys.folded)) {
      if (rejected.length === MAX_TRACE_NOTES) break;
      if (!keptKeys.has(item.ratingKey)) rejected.push(note(item, 'folded', keys.folded, nearbyWhy));
    }
  }
  return {
    step: 'strategy',
    strategy: outcome.strategy,
    compared,
    outcome: keptCount === 0 ? 'none' : keptCount === 1 ? 'matched' : 'ambiguous',
    kept: kept.slice(0, MAX_TRACE_NOTES).map((item) => note(item, kind, compared, outcome.keptWhy)),
    keptCount,
    rejected,
    rejectedCount,
  };
}

/**
 * A MatchResult whose candidate list and trace are built on first read:
 * most callers only need the status and the item, and finding each
 * candidate's files costs more than the lookup itself. toJSON includes
 * both, so a serialized result is complete.
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
  readonly #outcome: StrategyOutcome | undefined;
  #candidates: readonly MatchCandidate[] | undefined;
  #inputs: TraceInputs | undefined;
  #trace: readonly TraceStep[] | undefined;

  constructor(
    decision: Decision,
    path: string,
    mappedPath: string,
    mapping: CompiledMapping | undefined,
    inputs: TraceInputs,
  ) {
    const { outcome } = decision;
    this.status = decision.status;
    this.#outcome = outcome;
    if (outcome !== undefined) (this as { strategy: StrategyName }).strategy = outcome.strategy;
    if (decision.status === 'matched') (this as { item: PlexItem }).item = outcome?.kept[0] as PlexItem;
    this.candidateCount = outcome?.kept.length ?? 0;
    if (decision.reason !== undefined) (this as { reason: string }).reason = decision.reason;
    this.path = path;
    this.mappedPath = mappedPath;
    if (mapping !== undefined) (this as { mapping: object }).mapping = { label: mapping.label, ...mapping.source };
    this.#inputs = inputs;
  }

  /** Distinct qualifying items of the deciding strategy with their qualifying files; at most MAX_CANDIDATES. */
  get candidates(): readonly MatchCandidate[] {
    if (this.#candidates === undefined) {
      const outcome = this.#outcome;
      this.#candidates =
        outcome === undefined
          ? []
          : outcome.kept.slice(0, MAX_CANDIDATES).map((item) => toCandidate(item, outcome.kind, outcome.compared));
    }
    return this.#candidates;
  }

  get trace(): readonly TraceStep[] {
    if (this.#trace === undefined) {
      const inputs = this.#inputs as TraceInputs;
      const tried = inputs.mappings.map((m) => m.label);
      this.#trace = [
        this.mapping === undefined
          ? { step: 'mapping', tried, mappedPath: this.mappedPath }
          : { step: 'mapping', tried, applied: this.mapping, mappedPath: this.mappedPath },
        ...inputs.outcomes.map((outcome) => strategyStep(inputs, outcome)),
      ];
      this.#inputs = undefined;
    }
    return this.#trace;
  }

  toJSON(): MatchResult {
    return { ...this, candidates: this.candidates, trace: this.trace };
  }
}
