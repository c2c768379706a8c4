/**
 * INVALID_PATH: the path to match is not a usable absolute file path. INVALID_MAPPING: a mapping is
 * malformed. INVALID_OPTIONS: the options are not an object, or name an option that does not exist.
 */
export type MatchInputErrorCode = 'INVALID_PATH' | 'INVALID_MAPPING' | 'INVALID_OPTIONS';

/**
 * Bad input to the matcher, found before any lookup. `input` names the
 * argument at fault (`path`, `mappings[1].from`, `stashPathPrefix`, …) and
 * the message says what was expected.
 */
export class MatchInputError extends TypeError {
  override name = 'MatchInputError';
  readonly code: MatchInputErrorCode;
  readonly input: string;
  constructor(code: MatchInputErrorCode, input: string, expected: string) {
    super(`${input} ${expected}`);
    this.code = code;
    this.input = input;
  }
}
