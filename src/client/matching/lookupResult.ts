import type { MatchResult, TraceStep } from '../../core/matcher/MatchResult.js';

/**
 * A look at what Plex changed, made because the first look at the index found nothing (docs/matching.md §5):
 * `incremental` asked what changed; `recent` asked nothing, because the last such request ended `ageMs` ago,
 * within the library's refreshIntervalMs; `shared` waited for one already in flight. `full` re-scanned.
 */
export interface RefreshStep {
  readonly step: 'refresh';
  readonly kind: 'full' | 'incremental' | 'recent';
  readonly itemsFetched: number;
  readonly ageMs?: number;
  readonly shared?: boolean;
}

export type LookupStep = TraceStep | RefreshStep;

/** matchPath's answer: the matcher's result, whose trace may hold a refresh between two looks. */
export interface LookupResult extends Omit<MatchResult, 'trace'> {
  readonly trace: readonly LookupStep[];
}

/**
 * The second look of a lookup as one result: its fields, with a trace made
 * of the first look's steps, the refresh, and the second look's strategies
 * (its mapping step is the first look's). Candidates and trace stay lazy.
 */
export function afterRefresh(first: MatchResult, refresh: RefreshStep, second: MatchResult): LookupResult {
  let trace: readonly LookupStep[] | undefined;
  const {
    candidates: _candidates,
    trace: _trace,
    toJSON: _toJSON,
    ...fields
  } = Object.getOwnPropertyDescriptors(second);
  // item and mapping are getters of MatchOutcome's prototype (read once here: a refresh is rare).
  const { item, mapping } = second;
  return Object.defineProperties({} as LookupResult, {
    ...fields,
    ...(item === undefined ? {} : { item: { enumerable: true, value: item } }),
    ...(mapping === undefined ? {} : { mapping: { enumerable: true, value: mapping } }),
    candidates: { enumerable: true, get: () => second.candidates },
    trace: { enumerable: true, get: () => (trace ??= [...first.trace, refresh, ...second.trace.slice(1)]) },
  });
}
