import type { MatchResult } from '../../core/matcher/MatchResult.js';
import { matchInIndex } from '../../core/matcher/matchInIndex.js';
import { PathIndex } from '../../core/matcher/PathIndex.js';
import { MatchInputError } from '../../core/paths/MatchInputError.js';
import type { MappingOptions } from '../../core/paths/pathMappings.js';
import type { LoadedVector } from './loadVectors.js';
import type { VectorExpect } from './vectorSchema.js';

/** What a vector observed, in the vocabulary of its `expect`. */
export interface VectorActual {
  readonly status: 'matched' | 'ambiguous' | 'not_found' | 'error';
  readonly strategy?: string;
  readonly ratingKey?: string;
  readonly candidates?: readonly string[];
  readonly reason?: string;
  readonly error?: string;
}

export interface VectorOutcome {
  readonly passed: boolean;
  /** One line per difference between expected and actual. */
  readonly differences: readonly string[];
  readonly actual: VectorActual;
}

function mappingOptionsOf(vector: LoadedVector['vector']): MappingOptions {
  const options: Record<string, unknown> = {};
  if (vector.mappings !== undefined) options.mappings = vector.mappings;
  if ('stashPathPrefix' in vector) options.stashPathPrefix = vector.stashPathPrefix;
  if ('plexPathPrefix' in vector) options.plexPathPrefix = vector.plexPathPrefix;
  return options as MappingOptions;
}

/** A matcher a vector can run against: the vendorable core by default, or the client's index. */
export type VectorMatcher = (items: LoadedVector['items'], path: string, options: MappingOptions) => MatchResult;

/** The core alone (plexmatch/core): what an implementation vendoring it runs. */
const coreMatcher: VectorMatcher = (items, path, options) => matchInIndex(PathIndex.fromItems(items), path, options);

function observe(loaded: LoadedVector, matcher: VectorMatcher): VectorActual {
  try {
    const result = matcher(loaded.items, loaded.vector.path as string, mappingOptionsOf(loaded.vector));
    return {
      status: result.status,
      ...(result.strategy === undefined ? {} : { strategy: result.strategy }),
      ...(result.item === undefined ? {} : { ratingKey: result.item.ratingKey }),
      candidates: result.candidates.map((c) => c.ratingKey),
      ...(result.reason === undefined ? {} : { reason: result.reason }),
    };
  } catch (error) {
    if (error instanceof MatchInputError) return { status: 'error', error: error.code };
    throw error;
  }
}

const sorted = (keys: readonly string[] | undefined) => [...(keys ?? [])].sort().join(', ');

/** Runs one vector against a matcher (the core's by default) and compares every field its `expect` states. */
export function runVector(loaded: LoadedVector, matcher: VectorMatcher = coreMatcher): VectorOutcome {
  const expect: VectorExpect = loaded.vector.expect;
  const actual = observe(loaded, matcher);
  const differences: string[] = [];
  const check = (field: string, want: unknown, got: unknown) => {
    if (want !== undefined && want !== got)
      differences.push(`${field}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  };
  check('status', expect.status, actual.status);
  if (expect.status === 'matched' || expect.status === 'ambiguous') check('strategy', expect.strategy, actual.strategy);
  if (expect.status === 'matched') check('ratingKey', expect.ratingKey, actual.ratingKey);
  if (expect.status === 'ambiguous') check('reason', expect.reason, actual.reason);
  if (expect.status === 'error') check('error', expect.error, actual.error);
  if ('candidates' in expect && expect.candidates !== undefined)
    check('candidates', sorted(expect.candidates), sorted(actual.candidates));
  return { passed: differences.length === 0, differences, actual };
}
