import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { osReason } from './osReason.js';

/**
 * A folder plexmatch writes whole (a fixture set, seeded media) into a
 * place the user names, without ever losing what the user had there.
 */
export interface FolderKind {
  /** What it is, for messages: "a fixture set". */
  readonly what: string;
  /** Of the entries of a non-empty folder, those that make it not one of ours (none: ours, may be replaced). */
  foreign(entries: readonly string[]): readonly string[];
  /** When one of ours is there: undefined to replace it, or the message that refuses (e.g. "--force replaces it"). */
  readonly refuseOurs?: string | undefined;
  /** How to ask for a place that works: "give --out a new or empty folder". */
  readonly hint: string;
  /** The error to throw (so callers keep their error class and exit code). */
  fail(message: string): Error;
}

type Present = 'nothing' | 'empty' | 'ours';

/** What is in the way at `dir`: nothing, an empty folder, or one of ours; anything else is refused. */
function whatIsAt(dir: string, kind: FolderKind): Present {
  let entries: string[];
  try {
    if (!lstatSync(dir).isDirectory()) throw kind.fail(`${dir}: is a file, not a folder; ${kind.hint}`);
    entries = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'nothing';
    if (!(error as NodeJS.ErrnoException).code) throw error;
    throw kind.fail(`${dir}: cannot read the folder: ${osReason(error)}`);
  }
  if (entries.length === 0) return 'empty';
  const foreign = kind.foreign(entries);
  if (foreign.length > 0) {
    throw kind.fail(
      `${dir}: is not empty and not ${kind.what} (it holds ${foreign.slice(0, 3).join(', ')}); nothing was written: ${kind.hint}`,
    );
  }
  return 'ours';
}

/**
 * Whether `dir` may be written (see replaceFolder), checked before any long
 * work: refuses a folder that is not ours, and tries for real to make a
 * folder beside it (removed at once), so a read-only or full disk fails now.
 */
export function checkFolderTarget(dir: string, kind: FolderKind): Present {
  const target = resolve(dir);
  const present = whatIsAt(target, kind);
  if (present === 'ours' && kind.refuseOurs !== undefined)
    throw kind.fail(`${target}: already holds ${kind.what}; nothing was written (${kind.refuseOurs})`);
  let at = dirname(target);
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  try {
    rmdirSync(mkdtempSync(join(at, '.plexmatch-probe-')));
  } catch (error) {
    throw kind.fail(`${target}: cannot write ${kind.what}: ${osReason(error)}; nothing was written`);
  }
  return present;
}

/**
 * Writes a folder whole: `write` fills a temporary folder beside `dir`,
 * which is renamed into place only once it is complete. A new or empty
 * folder is filled; one of ours is replaced; anything else is refused. A
 * failure leaves `dir` as it was and no temporary folder behind.
 */
export function replaceFolder(dir: string, kind: FolderKind, write: (staging: string) => void): void {
  const target = resolve(dir);
  const present = checkFolderTarget(target, kind);
  const parent = dirname(target);
  const suffix = randomBytes(4).toString('hex');
  const staging = join(parent, `.${basename(target)}.plexmatch-new-${suffix}`);
  const previous = join(parent, `.${basename(target)}.plexmatch-old-${suffix}`);
  try {
    mkdirSync(parent, { recursive: true });
    mkdirSync(staging);
    write(staging);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Name the file it was writing, under the name it will have (not the hidden staging one).
    const file = (error as NodeJS.ErrnoException).path;
    const writing = file?.startsWith(staging) === true ? ` (writing ${target}${file.slice(staging.length)})` : '';
    throw kind.fail(`${target}: cannot write ${kind.what}${writing}: ${osReason(error)}; nothing was changed`);
  }
  try {
    if (present === 'empty') rmdirSync(target);
    if (present === 'ours') renameSync(target, previous);
    try {
      renameSync(staging, target);
    } catch (error) {
      if (existsSync(previous)) renameSync(previous, target); // put the earlier one back
      throw error;
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (present === 'empty' && !existsSync(target)) mkdirSync(target);
    throw kind.fail(`${target}: cannot put ${kind.what} in place: ${osReason(error)}; nothing was changed`);
  }
  rmSync(previous, { recursive: true, force: true });
}
