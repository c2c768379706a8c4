import { foldCase, nfc } from './normalizeText.js';
import { familyOf, formatPath, type ParsedPath, parsePath } from './parsePath.js';

/**
 * What strategy 1 compares (docs/matching.md §3.1): a POSIX path in NFC,
 * case-sensitive; a Windows drive or UNC path with '\' separators,
 * case-folded, since Windows treats D:/Media/X.mkv and d:\media\x.mkv as
 * the same file.
 */
export function exactKey(path: ParsedPath): string {
  const written = formatPath(path);
  return familyOf(path.style) === 'posix' ? nfc(written) : foldCase(written);
}

/** A POSIX path that is already in canonical form (no doubled or trailing '/') needs no splitting. */
const CANONICAL_POSIX = /^\/(?:[^/]+\/)*[^/]+$/;

/** The exact key of a Part file as Plex reports it, or undefined when it is not an absolute path. */
export function exactKeyOfFile(file: string): string | undefined {
  if (CANONICAL_POSIX.test(file)) return nfc(file);
  const parsed = parsePath(file);
  return parsed === undefined ? undefined : exactKey(parsed);
}
