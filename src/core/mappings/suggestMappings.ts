import type { PathIndex } from '../matcher/PathIndex.js';
import { MatchInputError } from '../paths/MatchInputError.js';
import { MappingSuggester } from './MappingSuggester.js';

/**
 * Which prefix mappings turn an application's paths into the Plex server's
 * (docs/matching.md §8): evidence from a sample of the application's paths
 * and the section's Part files, voted, then checked by mapping every sample
 * path with the rules found. Pure and linear in the sample size.
 */
export interface SuggestOptions {
  /** Fewest sample paths a rule needs (default 2): one path is as often an accident as a rule. */
  readonly minPaths?: number;
  /** Examples kept per rule (default 3). */
  readonly examples?: number;
  /** Unexplained paths kept as samples, and unusable ones (default 10 each). */
  readonly samples?: number;
}

/** One rule, as it goes into `mappings`: the application's prefix `from`, the server's `to`. */
export interface SuggestedMapping {
  readonly from: string;
  readonly to: string;
  /** Sample paths that, mapped by the rules in order, are exactly a Part file, by this rule. */
  readonly matched: number;
  /** A few of them, each with the Part file it became. */
  readonly examples: readonly { readonly path: string; readonly file: string }[];
}

/**
 * Why a usable sample path is explained by no rule: `not_in_plex` (no Part
 * file has its file name), `ambiguous` (only files of a shared name, none
 * closer than the others), `too_little_evidence` (its rule is backed by
 * fewer than minPaths paths), `conflicting_evidence` (its folder maps to a
 * different place in more paths).
 */
export type UnexplainedReason = 'not_in_plex' | 'ambiguous' | 'too_little_evidence' | 'conflicting_evidence';

export interface MappingSuggestion {
  /** The rules, most matched first, in an order `mappings` accepts (a longer `from` before one containing it). */
  readonly mappings: readonly SuggestedMapping[];
  /** Sample paths that already are a Part file: they need no mapping. */
  readonly unchanged: number;
  readonly unexplained: {
    readonly count: number;
    readonly byReason: Readonly<Record<UnexplainedReason, number>>;
    readonly samples: readonly { readonly path: string; readonly why: UnexplainedReason }[];
  };
  /** Sample paths matchPath refuses (not absolute, a `.` or `..` segment, a folder, …), with its reason; no evidence. */
  readonly unusable: {
    readonly count: number;
    readonly samples: readonly { readonly path: string; readonly reason: string }[];
  };
}

/**
 * Suggests the prefix mappings that make the application's `paths` the
 * section's Part files (docs/matching.md §8). The result's `mappings` go
 * straight into `matchPath`/`matchInIndex` options and match every path
 * they claim. For a sample too big to hold, feed a MappingSuggester.
 */
export function suggestMappings(
  index: PathIndex,
  paths: readonly string[],
  options: SuggestOptions = {},
): MappingSuggestion {
  if (!Array.isArray(paths)) throw new MatchInputError('INVALID_PATH', 'paths', 'must be an array of path strings');
  return new MappingSuggester(index, options).run(() => paths);
}
