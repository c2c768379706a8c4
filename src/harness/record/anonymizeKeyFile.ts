import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
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

/** Writes the key beside the folder (to a temporary file first, then renamed: never half a key). */
export function saveAnonymizeKey(fixtureDir: string, anonymizer: Anonymizer): string {
  const file = anonymizeKeyFile(fixtureDir);
  const staging = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const numbers = anonymizer.keepNumbers ? 'kept' : 'hidden';
  writeFileSync(staging, `${anonymizer.key.toString('hex')}\nnumbers: ${numbers}\n`, { mode: 0o600 });
  renameSync(staging, file);
  return file;
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
