import { randomBytes } from 'node:crypto';
import { lstatSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { osReason } from '../osReason.js';
import { ScenarioFileError } from './loadScenarios.js';

/**
 * Refuses `file` before any work when writing it would lose something: a
 * folder, or (without `force`) a file already there, such as a scenario
 * whose expectation the user has reviewed and edited.
 */
export function checkScenarioTarget(file: string, force: boolean): void {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(file);
  } catch {
    return; // nothing there (or nothing readable: the write says why)
  }
  if (stat.isDirectory()) throw new ScenarioFileError(`${file}: is a folder; give --out a file name`);
  if (!force)
    throw new ScenarioFileError(
      `${file}: already exists (a scenario you may have reviewed); nothing was written: --force replaces it, or give another --out`,
    );
}

/**
 * Writes a scenario file without ever losing one: without `force` the file
 * is created only if nothing is there (at the moment of writing too); with
 * it, the text goes to a temporary file beside it, renamed over it once whole.
 */
export function writeScenarioFile(file: string, text: string, force: boolean): void {
  checkScenarioTarget(file, force);
  const staging = join(dirname(file), `.${basename(file)}.plexmatch-new-${randomBytes(4).toString('hex')}`);
  const target = force ? staging : file;
  try {
    writeFileSync(target, text, { flag: 'wx' });
    if (force) renameSync(staging, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && !force) checkScenarioTarget(file, force);
    // Only a file this call created is removed: with 'wx' the file there is ours once the open succeeded.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(target, { force: true });
    throw new ScenarioFileError(`${file}: ${osReason(error)}`);
  }
}
