import type { PathMapping } from '../paths/pathMappings.js';
import type { PlexItem } from '../plexItem.js';

/** The three strategies of docs/matching.md §3, in the order they are tried. */
export type StrategyName = 'exact' | 'filename' | 'filename_ci';
export const STRATEGIES: readonly StrategyName[] = ['exact', 'filename', 'filename_ci'];

export type MatchStatus = 'matched' | 'ambiguous' | 'not_found';

/** A distinct item that qualified, with the Part files that made it qualify. */
export interface MatchCandidate {
  readonly ratingKey: string;
  readonly title: string;
  readonly type: string;
  readonly files: readonly string[];
  readonly item: PlexItem;
}

/**
 * Why an item appears in a strategy's trace.
 * Kept: same_path (exact), same_name (filename), same_folded_name (filename_ci).
 * Rejected: different_path (exact: same file name elsewhere), different_case (filename: name differs only in case).
 */
export type TraceReason = 'same_path' | 'same_name' | 'same_folded_name' | 'different_path' | 'different_case';

export interface TraceNote {
  readonly ratingKey: string;
  readonly title: string;
  readonly file: string;
  readonly why: TraceReason;
}

export interface MappingStep {
  readonly step: 'mapping';
  /** Labels of the mappings tried, in order. */
  readonly tried: readonly string[];
  /** The mapping applied, if any. */
  readonly applied?: { readonly label: string } & PathMapping;
  readonly mappedPath: string;
}

export interface StrategyStep {
  readonly step: 'strategy';
  readonly strategy: StrategyName;
  /** The key compared: exact key, file name, or folded file name. */
  readonly compared: string;
  readonly outcome: 'matched' | 'ambiguous' | 'none';
  /** At most 10 of each, with the full counts. */
  readonly kept: readonly TraceNote[];
  readonly keptCount: number;
  readonly rejected: readonly TraceNote[];
  readonly rejectedCount: number;
}

export type TraceStep = MappingStep | StrategyStep;

export interface MatchResult {
  readonly status: MatchStatus;
  readonly strategy?: StrategyName;
  readonly item?: PlexItem;
  /** Distinct qualifying items of the deciding strategy; at most 25 listed. */
  readonly candidates: readonly MatchCandidate[];
  readonly candidateCount: number;
  /** For ambiguous: same_file when all candidates share one exact file (a multi-episode file), else same_name. */
  readonly reason?: 'same_file' | 'same_name';
  /** The path as given. */
  readonly path: string;
  /** The path after mapping (the path itself when no mapping applied). */
  readonly mappedPath: string;
  readonly mapping?: { readonly label: string } & PathMapping;
  readonly trace: readonly TraceStep[];
}

export const MAX_CANDIDATES = 25;
export const MAX_TRACE_NOTES = 10;
