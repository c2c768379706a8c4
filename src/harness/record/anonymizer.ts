import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { foldCase, nfc } from '../../core/paths/normalizeText.js';
import { decodeXmlEntities } from '../fixtures/decodeXmlEntities.js';
import { escapeXmlAttr } from '../fixtures/escapeXml.js';

/**
 * Consistent anonymization of titles and paths (`plexmatch record
 * --anonymize`, docs/cli.md). Every run of letters (a "word") becomes a
 * pseudonym derived from a secret key and the word's case fold, so:
 * - the same word is the same pseudonym everywhere (collisions survive);
 * - case variants stay case variants (the case of each letter is kept),
 *   and NFD words stay NFD (a non-ASCII word keeps one accented letter);
 * - separators, punctuation, digits, drive letters and file extensions are
 *   kept, so the structure matching depends on is unchanged.
 * Words of one or two letters are kept (S01E02, "Up": not identifying, and
 * too short to disguise without collisions). The key stays on the user's
 * machine, beside the fixture folder, never in it.
 */
/** Anonymization cannot keep the structure, or its key file is unusable. */
export class AnonymizeError extends Error {
  override name = 'AnonymizeError';
}

export class Anonymizer {
  readonly #key: Buffer;
  /** Pseudonym → the NFC word it stands for: two different words must never meet. */
  readonly #seen = new Map<string, string>();

  constructor(key: Buffer) {
    this.#key = key;
  }

  static withNewKey(): Anonymizer {
    return new Anonymizer(randomBytes(32));
  }

  get key(): Buffer {
    return this.#key;
  }

  /** One word: a pseudonym of at least 8 letters with the word's case pattern and normalization form. */
  word(word: string): string {
    const exact = nfc(word);
    const letters = [...exact];
    if (letters.length <= 2) return word;
    const fold = foldCase(exact);
    const length = Math.max([...fold].length, 8);
    let digest = Buffer.alloc(0);
    for (let round = 0; digest.length < length; round += 1)
      digest = Buffer.concat([digest, createHmac('sha256', this.#key).update(`${round}\u0000${fold}`).digest()]);
    const base = [...digest.subarray(0, length)].map((byte) => String.fromCharCode(97 + (byte % 26)));
    // Decided on the fold, so words equal under folding stay equal (Straße, STRASSE).
    if (/[^\x00-\x7f]/.test(fold)) base[base.length - 1] = 'é';
    const allUpper = letters.length > 1 && exact === exact.toUpperCase() && exact !== exact.toLowerCase();
    const cased = base
      .map((c, i) => {
        const original = letters[i];
        const upper = allUpper || (original !== undefined && original !== original.toLowerCase());
        return upper ? c.toUpperCase() : c;
      })
      .join('');
    const previous = this.#seen.get(cased);
    if (previous !== undefined && previous !== exact) {
      throw new AnonymizeError(
        `--anonymize cannot keep "${previous}" and "${exact}" apart (they differ only beyond case folding); record again (a new key) or without --anonymize`,
      );
    }
    this.#seen.set(cased, exact);
    return word === exact ? cased : cased.normalize('NFD');
  }

  /** Free text: every word replaced, everything else kept. */
  text(value: string): string {
    return value.replace(/[\p{L}\p{M}]+/gu, (word) => this.word(word));
  }

  /** A path: like text, but a drive letter and the file extension are kept. */
  path(value: string): string {
    const drive = /^[A-Za-z]:/.exec(value)?.[0] ?? '';
    const rest = value.slice(drive.length);
    const extension = /\.[A-Za-z0-9]{1,5}$/.exec(rest)?.[0] ?? '';
    return drive + this.text(rest.slice(0, rest.length - extension.length)) + extension;
  }

  /**
   * A Plex XML body: the attributes that carry names, titles, people and
   * paths are rewritten; ids, keys, numbers and section titles (`keep`:
   * "Movies" is not personal, and scenarios name libraries by title) are not.
   */
  xml(body: string, keep: ReadonlySet<string>): string {
    return body.replace(/(\s)([A-Za-z][\w.:-]*)="([^"]*)"/g, (whole, space: string, name: string, raw: string) => {
      const kind = ATTRIBUTES[name];
      if (kind === undefined) return whole;
      const value = decodeXmlEntities(raw);
      if (kind === 'text' && keep.has(value)) return whole;
      const changed = kind === 'path' ? this.path(value) : this.text(value);
      return `${space}${name}="${escapeXmlAttr(changed)}"`;
    });
  }
}

const ATTRIBUTES: Readonly<Record<string, 'path' | 'text'>> = {
  file: 'path',
  path: 'path',
  title: 'text',
  titleSort: 'text',
  originalTitle: 'text',
  parentTitle: 'text',
  grandparentTitle: 'text',
  summary: 'text',
  tagline: 'text',
  studio: 'text',
  tag: 'text',
  guid: 'text',
  friendlyName: 'text',
  myPlexUsername: 'text',
  sourceTitle: 'text',
};

/** Where the key of an anonymized fixture folder lives: beside it, never inside it (`<dir>.anonymize-key`). */
function anonymizeKeyFile(fixtureDir: string): string {
  const dir = resolve(fixtureDir);
  return join(dirname(dir), `${basename(dir)}.anonymize-key`);
}

/** Writes the key beside the folder (to a temporary file first, then renamed: never half a key). */
export function saveAnonymizeKey(fixtureDir: string, anonymizer: Anonymizer): string {
  const file = anonymizeKeyFile(fixtureDir);
  const staging = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(staging, `${anonymizer.key.toString('hex')}\n`, { mode: 0o600 });
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
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new AnonymizeError(`${file}: not an anonymize key (expected 64 hex digits)`);
  return new Anonymizer(Buffer.from(hex, 'hex'));
}
