import { readFileSync } from 'node:fs';
import { osReason } from '../osReason.js';

/** A --paths-from file that cannot be used. */
export class PathsFileError extends Error {
  override name = 'PathsFileError';
}

/**
 * The paths of a --paths-from file: one per line, UTF-8 (a BOM is
 * dropped), CRLF or LF; lines of only whitespace are skipped, every other
 * line is a path exactly as written (a name may end in a space).
 */
export function readPathsFile(file: string): string[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new PathsFileError(`${file}: cannot read the paths file: ${osReason(error)}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new PathsFileError(`${file}: is not UTF-8 text; expected one path per line`);
  }
  const paths = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (paths.length === 0) throw new PathsFileError(`${file}: holds no paths; expected one path per line`);
  return paths;
}
