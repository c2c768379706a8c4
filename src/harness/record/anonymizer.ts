import { createHmac, randomBytes } from 'node:crypto';
import { foldCase, nfc } from '../../core/paths/normalizeText.js';

/**
 * The pseudonyms of `plexmatch record --anonymize` (docs/fixtures.md,
 * "Anonymized sets: the threat model"). All are derived from a secret key,
 * consistent (the same input gives the same pseudonym everywhere) and
 * never merge two inputs:
 * - a word (a run of letters) becomes a keyed pseudonym of at least 8
 *   letters with the word's case pattern and normalization form; words of
 *   one or two letters are kept (S01E02, "Up": not identifying, and too
 *   short to disguise without collisions);
 * - a year (1900–2099, standing alone) becomes another year by a keyed
 *   permutation without fixed points, in titles, paths and attributes;
 * - an id (a GUID's id, a server or section identifier) keeps its shape
 *   (hex stays hex, digits stay digits) and nothing else;
 * - a time (epoch seconds) moves back by a keyed offset of 400–3000 days
 *   and some seconds, one offset per family of times (TimeFamily), so the
 *   order of items and the gaps between them stay within a family;
 * - durations, sizes and bitrates are rounded (a value already round
 *   moves one step, so none is kept exactly), ratings to whole numbers.
 * With `keepNumbers`, years, times, durations, sizes, bitrates and ratings
 * are kept (words and ids are still replaced).
 */
/**
 * Families of times, each moved by its own offset: when an item was added,
 * when it (or its image) was updated, when it was watched, anything else.
 */
export type TimeFamily = 'added' | 'updated' | 'viewed' | 'other';
const TIME_FAMILIES: readonly TimeFamily[] = ['added', 'updated', 'viewed', 'other'];

export class AnonymizeError extends Error {
  override name = 'AnonymizeError';
}

export interface AnonymizerOptions {
  /** Keep years, times, durations, sizes, bitrates and ratings as recorded. Default false. */
  readonly keepNumbers?: boolean;
}

const FIRST_YEAR = 1900;
const YEARS = 200;
const DAY = 86_400;
const TEN_MINUTES_MS = 600_000;

export class Anonymizer {
  readonly #key: Buffer;
  readonly keepNumbers: boolean;
  /** Pseudonym → the NFC word it stands for: two different words must never meet. */
  readonly #seen = new Map<string, string>();
  /** Id → pseudonym and the pseudonyms used: ids are mapped one to one. */
  readonly #ids = new Map<string, string>();
  readonly #usedIds = new Set<string>();
  readonly #years: readonly number[];
  /** Seconds each family of times moves back by: one offset for all would be given away by any one known time. */
  readonly #shiftSeconds: ReadonlyMap<TimeFamily, number>;

  constructor(key: Buffer, options: AnonymizerOptions = {}) {
    this.#key = key;
    this.keepNumbers = options.keepNumbers === true;
    this.#years = yearPermutation((label) => this.#digest(label));
    this.#shiftSeconds = new Map(
      TIME_FAMILIES.map((family) => {
        const bytes = this.#digest(family === 'other' ? 'time shift' : `time shift ${family}`);
        // Never a whole number of minutes, so no shifted time equals a round original one.
        const seconds = 1 + (bytes.readUInt32BE(4) % (DAY - 2));
        return [family, (400 + (bytes.readUInt32BE(0) % 2600)) * DAY + (seconds % 60 === 0 ? seconds + 1 : seconds)];
      }),
    );
  }

  static withNewKey(options: AnonymizerOptions = {}): Anonymizer {
    return new Anonymizer(randomBytes(32), options);
  }

  get key(): Buffer {
    return this.#key;
  }

  #digest(label: string): Buffer {
    return createHmac('sha256', this.#key).update(label).digest();
  }

  /** At least `length` keyed bytes for `label`. */
  #bytes(label: string, length: number): Buffer {
    let digest = Buffer.alloc(0);
    for (let round = 0; digest.length < length; round += 1)
      digest = Buffer.concat([digest, this.#digest(`${round}\u0000${label}`)]);
    return digest;
  }

  /** One word: a pseudonym of at least 8 letters with the word's case pattern and normalization form. */
  word(word: string): string {
    const exact = nfc(word);
    const letters = [...exact];
    if (letters.length <= 2) return word;
    const fold = foldCase(exact);
    const length = Math.max([...fold].length, 8);
    const base = [...this.#bytes(fold, length).subarray(0, length)].map((byte) =>
      String.fromCharCode(97 + (byte % 26)),
    );
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

  /** A year of 1900–2099 as another one (the same everywhere, never itself); other numbers as they are. */
  year(year: number): number {
    if (this.keepNumbers || !Number.isInteger(year) || year < FIRST_YEAR || year >= FIRST_YEAR + YEARS) return year;
    return this.#years[year - FIRST_YEAR] as number;
  }

  /** Free text: every word and every year replaced, everything else kept. */
  text(value: string): string {
    return value
      .replace(/[\p{L}\p{M}]+/gu, (word) => this.word(word))
      .replace(/(?<!\d)(?:19|20)\d\d(?!\d)/g, (year) => String(this.year(Number(year))));
  }

  /** A path: like text, but a drive letter and the file extension are kept. */
  path(value: string): string {
    const drive = /^[A-Za-z]:/.exec(value)?.[0] ?? '';
    const rest = value.slice(drive.length);
    const extension = /\.[A-Za-z0-9]{1,5}$/.exec(rest)?.[0] ?? '';
    return drive + this.text(rest.slice(0, rest.length - extension.length)) + extension;
  }

  /**
   * An opaque id (an IMDb, TMDB or Plex id, a machine identifier, a
   * UUID): a pseudonym of the same shape. Hex ids stay hex; otherwise
   * digits stay digits, letters stay letters of the same case, and a
   * prefix of one or two letters (`tt`, `nm`) and punctuation are kept.
   * Never the id itself, and two ids never share a pseudonym.
   */
  id(value: string): string {
    const known = this.#ids.get(value);
    if (known !== undefined) return known;
    const hex = value.length >= 8 && /^[0-9a-f-]+$/i.test(value) && /[a-f]/i.test(value);
    const upperHex = /[A-F]/.test(value) && !/[a-f]/.test(value);
    for (let round = 0; ; round += 1) {
      const bytes = this.#bytes(`id\u0000${round}\u0000${value}`, value.length);
      const kept = hex ? '' : (/^[A-Za-z]{1,2}(?=\d)/.exec(value)?.[0] ?? '');
      const chars = [...value].map((c, i) => {
        const byte = bytes[i] as number;
        if (i < kept.length) return c;
        if (hex && /[0-9a-f]/i.test(c)) {
          const digit = (byte % 16).toString(16);
          return upperHex ? digit.toUpperCase() : digit;
        }
        if (/\d/.test(c)) return String(byte % 10);
        if (/[a-z]/.test(c)) return String.fromCharCode(97 + (byte % 26));
        if (/[A-Z]/.test(c)) return String.fromCharCode(65 + (byte % 26));
        return c;
      });
      const pseudonym = chars.join('');
      if (pseudonym !== value && !this.#usedIds.has(pseudonym)) {
        this.#ids.set(value, pseudonym);
        this.#usedIds.add(pseudonym);
        return pseudonym;
      }
      if (round > 1000) throw new AnonymizeError(`--anonymize cannot find a pseudonym for the id "${value}"`);
    }
  }

  /**
   * A GUID (`plex://movie/5d77…`, `imdb://tt0111161`,
   * `com.plexapp.agents.thetvdb://121361/1/1?lang=en`): the scheme, the
   * type words (movie, show, episode) and the query are kept, every id in
   * it becomes a pseudonym.
   */
  guid(value: string): string {
    const parts = /^([A-Za-z][\w+.-]*:\/\/)([^?#]*)(.*)$/s.exec(value);
    if (parts === null) return this.id(value);
    const [, scheme, rest, query] = parts as unknown as [string, string, string, string];
    const segments = rest
      .split('/')
      .map((segment, i, all) =>
        segment === '' || (i < all.length - 1 && /^[a-z]+$/.test(segment)) ? segment : this.id(segment),
      );
    return scheme + segments.join('/') + query;
  }

  /**
   * Epoch seconds moved back by the key's offset for their family (0,
   * "never", stays 0): times of one family keep their order and gaps.
   */
  time(seconds: number, family: TimeFamily = 'other'): number {
    if (this.keepNumbers || !Number.isInteger(seconds) || seconds <= 0) return seconds;
    return Math.max(1, seconds - (this.#shiftSeconds.get(family) as number));
  }

  /**
   * A duration in milliseconds to the nearest 10 minutes (at least 10
   * minutes when it was not 0); one that was already whole moves up 10
   * minutes, so no exact duration is kept.
   */
  duration(ms: number): number {
    if (this.keepNumbers || !Number.isFinite(ms) || ms <= 0) return ms;
    const rounded = Math.max(1, Math.round(ms / TEN_MINUTES_MS)) * TEN_MINUTES_MS;
    return rounded === ms ? ms + TEN_MINUTES_MS : rounded;
  }

  /** A rating (0–10, one decimal) to a whole number. */
  rating(value: number): number {
    return this.keepNumbers || !Number.isFinite(value) ? value : Math.round(value);
  }

  /**
   * A size or bitrate to two significant digits; one that was already
   * that round moves up one step, so no exact value is kept.
   */
  amount(value: number): number {
    if (this.keepNumbers || !Number.isFinite(value) || value < 10) return value;
    const unit = 10 ** (Math.floor(Math.log10(value)) - 1);
    const rounded = Math.round(value / unit) * unit;
    return rounded === value ? value + unit : rounded;
  }
}

/** A keyed permutation of the years 1900–2099 that moves every year: a shuffle, then each to the next. */
function yearPermutation(digest: (label: string) => Buffer): number[] {
  const order = Array.from({ length: YEARS }, (_, i) => i);
  for (let i = YEARS - 1; i > 0; i -= 1) {
    const j = digest(`year ${i}`).readUInt32BE(0) % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const next: number[] = new Array(YEARS);
  order.forEach((year, i) => {
    next[year] = FIRST_YEAR + (order[(i + 1) % YEARS] as number);
  });
  return next;
}
