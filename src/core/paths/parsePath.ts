/**
 * An absolute path split into its root and segments, in one of the three
 * styles the spec knows (docs/matching.md §1.1). Pure: imports nothing.
 */
export type PathStyle = 'posix' | 'drive' | 'unc';

/** POSIX paths are case-sensitive with '/' only; drive and UNC paths are Windows: either separator, no case. */
export type PathFamily = 'posix' | 'windows';

export interface ParsedPath {
  readonly style: PathStyle;
  /** '/', a drive such as 'D:\\' (letter as written), or '\\\\' for UNC. */
  readonly root: string;
  /** Non-empty segments after the root; for UNC the first two are server and share. */
  readonly segments: readonly string[];
}

export function familyOf(style: PathStyle): PathFamily {
  return style === 'posix' ? 'posix' : 'windows';
}

export function separatorOf(style: PathStyle): '/' | '\\' {
  return style === 'posix' ? '/' : '\\';
}

const DRIVE = /^[A-Za-z]:[\\/]/;
const WINDOWS_SEPARATORS = /[\\/]/;

/** Drops empty segments (doubled or trailing separators); most paths have none, so no copy is made. */
function nonEmpty(parts: string[]): string[] {
  return parts.includes('') ? parts.filter((part) => part !== '') : parts;
}

/**
 * Parses an absolute path, or returns undefined when it is not absolute in
 * any style. `\\server\share` is UNC; `//server/share` is POSIX (POSIX
 * allows a leading '//'). A UNC path needs a server and a share.
 */
export function parsePath(path: string): ParsedPath | undefined {
  if (path.startsWith('\\\\')) {
    const segments = nonEmpty(path.slice(2).split(WINDOWS_SEPARATORS));
    return segments.length >= 2 ? { style: 'unc', root: '\\\\', segments } : undefined;
  }
  if (DRIVE.test(path)) {
    return {
      style: 'drive',
      root: `${path.slice(0, 2)}\\`,
      segments: nonEmpty(path.slice(3).split(WINDOWS_SEPARATORS)),
    };
  }
  if (path.startsWith('/')) return { style: 'posix', root: '/', segments: nonEmpty(path.slice(1).split('/')) };
  return undefined;
}

/** The path written in its own style's separator. */
export function formatPath(path: ParsedPath): string {
  return path.root + path.segments.join(separatorOf(path.style));
}
