import { LibraryIndex } from '../../client/matching/LibraryIndex.js';
import type { MatchResult } from '../../core/matcher/MatchResult.js';
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
  readonly message?: string;
  readonly result?: MatchResult;
}

export interface VectorOutcome {
  readonly passed: boolean;
  /** One line per difference between expected and actual. */
  readonly differences: readonly string[];
  readonly actual: VectorActual;
}

export function mappingOptionsOf(vector: LoadedVector['vector']): MappingOptions {
  const options: Record<string, unknown> = {};
  if (vector.mappings !== undefined) options.mappings = vector.mappings;
  if ('stashPathPrefix' in vector) options.stashPathPrefix = vector.stashPathPrefix;
  if ('plexPathPrefix' in vector) options.plexPathPrefix = vector.plexPathPrefix;
  return options as MappingOptions;
}

function observe(loaded: LoadedVector): VectorActual {
  try {
    const result = LibraryIndex.fromItems(loaded.items).match(
      loaded.vector.path as string,
      mappingOptionsOf(loaded.vector),
    );
    return {
      status: result.status,
      ...(result.strategy === undefined ? {} : { strategy: result.strategy }),
      ...(result.item === undefined ? {} : { ratingKey: result.item.ratingKey }),
      candidates: result.candidates.map((c) => c.ratingKey),
      ...(result.reason === undefined ? {} : { reason: result.reason }),
      result,
    };
  } catch (error) {
    if (error instanceof MatchInputError) return { status: 'error', error: error.code, message: error.message };
    throw error;
  }
}

const sorted = (keys: readonly string[] | undefined) => [...(keys ?? [])].sort().join(', ');

/** Runs one vector against the matcher and compares every field its `expect` states. */
export function runVector(loaded: LoadedVector): VectorOutcome {
  const expect: VectorExpect = loaded.vector.expect;
  const actual = observe(loaded);
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
