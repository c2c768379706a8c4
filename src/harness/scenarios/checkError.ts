import { MatchInputError } from '../../core/paths/MatchInputError.js';
import { PlexError } from '../../index.js';
import type { ErrorExpect } from './scenarioSchema.js';

/** An expected failure: a PlexError of a class (exact name), or an input error of the matcher. */
export type ExpectedError = ErrorExpect | { readonly input: 'INVALID_PATH' | 'INVALID_MAPPING' };

export function describeError(error: unknown): string {
  if (error instanceof PlexError)
    return `${error.name} ${error.code} after ${error.attempts} attempt(s): ${error.message}`;
  if (error instanceof MatchInputError) return `${error.name} ${error.code}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Differences between the error that happened (or none) and the one expected. */
export function checkError(where: string, expected: ExpectedError, error: unknown): string[] {
  if (error === undefined)
    return [`${where}: expected ${'input' in expected ? expected.input : expected.class}, but it succeeded`];
  if ('input' in expected) {
    if (error instanceof MatchInputError && error.code === expected.input) return [];
    return [`${where}: expected a ${expected.input} input error, got ${describeError(error)}`];
  }
  if (!(error instanceof PlexError)) return [`${where}: expected ${expected.class}, got ${describeError(error)}`];
  const out: string[] = [];
  const check = (field: string, want: unknown, got: unknown) => {
    if (want !== undefined && want !== got)
      out.push(`${where}: error ${field} expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  };
  check('class', expected.class, error.name);
  check('code', expected.code, error.code);
  check('phase', expected.phase, (error as { phase?: string }).phase);
  check('status', expected.status, error.status);
  check('attempts', expected.attempts, error.attempts);
  return out;
}
