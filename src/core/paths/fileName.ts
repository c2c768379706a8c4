/**
 * The file name of a path: what follows the last '/' or '\', whatever the
 * path's style. A Plex server on Windows reports D:\Media\x.mkv; splitting
 * on '/' alone (as the original did) never finds "x.mkv" there.
 */
export function fileNameOf(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
