import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FixtureError } from '../fixtures/fixtureFiles.js';
import { osReason } from '../osReason.js';
import { AnonymizeError, Anonymizer } from './anonymizer.js';

/**
 * The key of an anonymized fixture folder lives beside it, never inside it
 * (`<dir>.anonymize-key`): the 64 hex digits of the key, then
 * `numbers: hidden` or `numbers: kept` (record --keep-numbers). A key
 * without that line comes from a recording that kept numbers.
 */
function anonymizeKeyFile(fixtureDir: string): string {
  const dir = resolve(fixtureDir);
  return join(dirname(dir), `${basename(dir)}.anonymize-key`);
}

/** A key written beside its folder under a temporary name, to be put in place with the set or discarded. */
export interface StagedKey {
  /** Renames the key into place; returns its file. */
  commit(): string;
  /** Removes the temporary file. */
  discard(): void;
}

/**
 * Writes the key beside the folder under a temporary name (never half a
 * key under the real one). `record` stages it before the set is put in
 * place and commits it right after, so the two land together: a key that
 * cannot be written (a full disk) stops the recording before the earlier
 * set is touched, and leaves no temporary file.
 */
export function stageAnonymizeKey(fixtureDir: string, anonymizer: Anonymizer): StagedKey {
  const file = anonymizeKeyFile(fixtureDir);
  const staging = `${file}.plexmatch-new`;
  const numbers = anonymizer.keepNumbers ? 'kept' : 'hidden';
  try {
    writeFileSync(staging, `${anonymizer.key.toString('hex')}\nnumbers: ${numbers}\n`, { mode: 0o600 });
  } catch (error) {
    rmSync(staging, { force: true });
    throw new FixtureError(`${file}: cannot write the anonymize key: ${osReason(error)}; nothing was changed`);
  }
  return {
    commit: () => {
      renameSync(staging, file);
      return file;
    },
    discard: () => rmSync(staging, { force: true }),
  };
}

/**
 * Removes the key of an earlier --anonymize recording from beside a folder
 * that now holds a plain one: with the key there, match and scenario new
 * would anonymize real paths and find nothing. Returns the file removed.
 */
export function removeAnonymizeKey(fixtureDir: string): string | undefined {
  const file = anonymizeKeyFile(fixtureDir);
  if (!existsSync(file)) return undefined;
  rmSync(file, { force: true });
  return file;
}

/** The anonymizer of a fixture folder recorded with --anonymize on this machine, if its key is here. */
export function anonymizerFor(fixtureDir: string): Anonymizer | undefined {
  const file = anonymizeKeyFile(fixtureDir);
  if (!existsSync(file)) return undefined;
  const [hex = '', numbers = 'numbers: kept', ...rest] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  if (!/^[0-9a-f]{64}$/.test(hex) || !/^numbers: (hidden|kept)$/.test(numbers) || rest.length > 0)
    throw new AnonymizeError(
      `${file}: not an anonymize key (expected 64 hex digits, then "numbers: hidden" or "numbers: kept")`,
    );
  return new Anonymizer(Buffer.from(hex, 'hex'), { keepNumbers: numbers === 'numbers: kept' });
}
