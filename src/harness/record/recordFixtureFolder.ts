import { basename, resolve } from 'node:path';
import { checkFixtureTarget, saveFixtureSet } from '../fixtures/saveFixtureSet.js';
import { removeAnonymizeKey, stageAnonymizeKey } from './anonymizeKeyFile.js';
import { Anonymizer } from './anonymizer.js';
import { type RecordedSet, type RecordOptions, recordFixtureSet } from './recordFixtureSet.js';

export interface RecordFolderOptions extends Omit<RecordOptions, 'anonymizer' | 'name'> {
  /** The fixture folder to write: new, empty, or (with `force`) one holding an earlier recording. */
  readonly out: string;
  /** Replace the fixture set already in `out`; a folder holding anything else is never touched. */
  readonly force?: boolean;
  /** Record with pseudonyms (a new key, saved beside `out`); `keepNumbers` keeps years, times and sizes. */
  readonly anonymize?: boolean | { readonly keepNumbers?: boolean };
  /** The set's name; default: made from the folder's name. */
  readonly name?: string;
}

export interface RecordedFolder {
  readonly set: RecordedSet;
  /** The folder written (absolute). */
  readonly dir: string;
  /** With `anonymize`: the key file written beside the folder. */
  readonly keyFile?: string;
  /** Without `anonymize`: the key of an earlier anonymized recording there, removed. */
  readonly removedKeyFile?: string;
}

/** A kebab-case set name from a folder's name. */
function nameOf(dir: string): string {
  const slug = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'recorded';
}

/**
 * `plexmatch record` as an API: records the server (recordFixtureSet) into
 * the folder `out` without ever losing what the user had there (the folder
 * is checked before anything is recorded, and written whole: saveFixtureSet),
 * with the anonymize key beside it (staged before the set is put in place and
 * committed right after), or removes the key of an earlier anonymized
 * recording, so match does not anonymize real paths for a plain set. With
 * `signal` aborted, it stops before writing anything.
 */
export async function recordFixtureFolder(options: RecordFolderOptions): Promise<RecordedFolder> {
  const { out: given, force = false, anonymize, name, ...recording } = options;
  const dir = resolve(given);
  // Checked before recording, and again when saving: minutes of recording are not wasted on a refusal.
  checkFixtureTarget(dir, { force });
  const anonymizer =
    anonymize === undefined || anonymize === false
      ? undefined
      : Anonymizer.withNewKey({ keepNumbers: anonymize !== true && anonymize.keepNumbers === true });
  const set = await recordFixtureSet({ ...recording, name: name ?? nameOf(dir), anonymizer });
  // A signal during the last page: stop before anything is written.
  if (recording.signal?.aborted === true) throw recording.signal.reason;
  // The key is staged first and put in place right after the set: the two land together or not at all.
  const staged = anonymizer === undefined ? undefined : stageAnonymizeKey(dir, anonymizer);
  try {
    saveFixtureSet(set, dir, set.source, { force });
  } catch (error) {
    staged?.discard();
    throw error;
  }
  if (staged !== undefined) return { set, dir, keyFile: staged.commit() };
  const removed = removeAnonymizeKey(dir);
  return { set, dir, ...(removed === undefined ? {} : { removedKeyFile: removed }) };
}
