/** Words for the OS errors a user can cause or fix (a full disk, a folder they cannot write), by code (a Map: outside text). */
const OS_REASONS: ReadonlyMap<string, string> = new Map([
  ['EACCES', 'permission denied'],
  ['EPERM', 'operation not permitted'],
  ['ENOSPC', 'no space left on the device'],
  ['EROFS', 'the file system is read-only'],
  ['EDQUOT', 'disk quota exceeded'],
  ['ENOTDIR', 'a part of the path is a file, not a folder'],
  ['ENOENT', 'no such file or folder'],
  ['EISDIR', 'it is a folder, not a file'],
  ['EADDRINUSE', 'the port is in use'],
  ['EADDRNOTAVAIL', 'the address is not on this machine'],
  ['EMFILE', 'too many open files'],
  ['ELOOP', 'too many symbolic links (a loop?)'],
  ['EEXIST', 'it already exists'],
  ['EBUSY', 'the folder is in use'],
]);

/** An OS error as words: "permission denied (EACCES)". */
export function osReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) return (error as Error).message;
  return `${OS_REASONS.get(code) ?? (error as Error).message} (${code})`;
}
