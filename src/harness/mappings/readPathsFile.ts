import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { osReason } from '../osReason.js';

/** A --paths-from file that cannot be used. */
export class PathsFileError extends Error {
  override name = 'PathsFileError';
}

/** Bytes read at a time: a file of any size costs this much memory, plus one line. */
const CHUNK = 1 << 20;

/** How far a read of the paths file has got: bytes read, and the file's size. */
export type PathsFileProgress = (bytesRead: number, bytesTotal: number) => void;

/**
 * The paths of a --paths-from file, read as a stream (a chunk at a time,
 * so a million lines never sit in memory): one per line, UTF-8 (a BOM is
 * dropped), CRLF or LF; lines of only whitespace are skipped, every other
 * line is a path exactly as written (a name may end in a space).
 * `onProgress` hears after every chunk.
 */
export function* eachPathInFile(file: string, onProgress?: PathsFileProgress): Generator<string> {
  const fail = (why: string): never => {
    throw new PathsFileError(`${file}: ${why}`);
  };
  let fd: number;
  let size: number;
  try {
    fd = openSync(file, 'r');
    size = fstatSync(fd).size;
  } catch (error) {
    return fail(`cannot read the paths file: ${osReason(error)}`);
  }
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    const buffer = Buffer.allocUnsafe(CHUNK);
    let read = 0;
    let rest = '';
    let found = 0;
    for (;;) {
      let got: number;
      try {
        got = readSync(fd, buffer, 0, CHUNK, null);
      } catch (error) {
        return fail(`cannot read the paths file: ${osReason(error)}`);
      }
      read += got;
      let text: string;
      try {
        text = rest + decoder.decode(buffer.subarray(0, got), { stream: got > 0 });
      } catch {
        return fail('is not UTF-8 text; expected one path per line');
      }
      const lines = text.split(/\r?\n/);
      rest = got > 0 ? (lines.pop() as string) : '';
      for (const line of lines)
        if (line.trim() !== '') {
          found += 1;
          yield line;
        }
      onProgress?.(read, Math.max(size, read));
      if (got === 0) break;
    }
    if (found === 0) fail('holds no paths; expected one path per line');
  } finally {
    closeSync(fd);
  }
}

/** The paths of a --paths-from file (eachPathInFile), all at once. */
export function readPathsFile(file: string): string[] {
  return [...eachPathInFile(file)];
}
