import { MatchInputError, type MatchInputErrorCode } from './MatchInputError.js';
import { type ParsedPath, parsePath } from './parsePath.js';

const STYLES = 'a POSIX path (/…), a Windows drive path (D:\\…) or a UNC path (\\\\server\\share\\…)';

function show(value: string): string {
  const shown = JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  return shown.replace(/\\u0000/g, '\\0');
}

/**
 * Validates an absolute path given to the matcher (docs/matching.md §1):
 * a non-empty string without NUL, absolute in one of the three styles,
 * without '.' or '..' segments. `kind` says whether it must name a file
 * (the path to match) or may name a directory (a mapping prefix).
 */
export function parseAbsolute(
  value: unknown,
  input: string,
  kind: 'file' | 'directory',
  code: MatchInputErrorCode,
): ParsedPath {
  if (typeof value !== 'string')
    throw new MatchInputError(
      code,
      input,
      `must be a string (${STYLES}), got ${value === null ? 'null' : typeof value}`,
    );
  if (value === '') throw new MatchInputError(code, input, `must not be empty; expected ${STYLES}`);
  if (value.includes('\0'))
    throw new MatchInputError(code, input, `must not contain a NUL character, got ${show(value)}`);
  const parsed = parsePath(value);
  if (parsed === undefined) {
    const unc = value.startsWith('\\\\');
    throw new MatchInputError(
      code,
      input,
      unc
        ? `must name a server and a share (\\\\server\\share\\…), got ${show(value)}`
        : `must be absolute: ${STYLES}; got ${show(value)}`,
    );
  }
  if (parsed.segments.some((segment) => segment === '.' || segment === '..')) {
    throw new MatchInputError(
      code,
      input,
      `must not contain "." or ".." segments (nothing is resolved on disk), got ${show(value)}`,
    );
  }
  if (kind === 'file') {
    const last = value.at(-1);
    const bare = parsed.segments.length === 0 || (parsed.style === 'unc' && parsed.segments.length < 3);
    if (bare || last === '/' || (parsed.style !== 'posix' && last === '\\')) {
      throw new MatchInputError(
        code,
        input,
        `must name a file, not a directory (it ends with a separator), got ${show(value)}`,
      );
    }
  }
  return parsed;
}

/** The path to match: an absolute file path. */
export function parseInputPath(value: unknown): ParsedPath {
  return parseAbsolute(value, 'path', 'file', 'INVALID_PATH');
}
