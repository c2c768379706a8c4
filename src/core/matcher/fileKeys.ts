import { exactKeyOfFile } from '../paths/exactKey.js';
import { fileNameOf } from '../paths/fileName.js';
import { foldCase, nfc } from '../paths/normalizeText.js';

/** The three keys of docs/matching.md §3, as functions of a Part file. */
export type KeyKind = 'exact' | 'name' | 'folded';

export const keyOfFile: Readonly<Record<KeyKind, (file: string) => string | undefined>> = {
  exact: exactKeyOfFile,
  name: (file) => nonEmpty(nfc(fileNameOf(file))),
  folded: (file) => nonEmpty(foldCase(fileNameOf(file))),
};

function nonEmpty(name: string): string | undefined {
  return name === '' ? undefined : name;
}

/** A 30-bit FNV-1a hash of a key: a small integer, which V8 keeps in a Map without a string or a box. */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < key.length; k += 1) hash = Math.imul(hash ^ key.charCodeAt(k), 0x01000193);
  return hash & 0x3fffffff;
}

/**
 * How a Part file's key of one kind relates to the file as stored (the
 * whole file for `exact`, its file name for the others), two bits per kind
 * in one byte kept with the file: the index checks a key against the
 * stored bytes without decoding them, and computes it only for the rare
 * file whose key is neither (a non-canonical or non-NFC path).
 */
export const KEY_FORM = {
  /** The file has no key of this kind. */
  none: 0,
  /** The key is the text as written. */
  written: 1,
  /** The text is ASCII and the key is its lower case (folded names, Windows paths). */
  lower: 2,
  /** The key is computed from the decoded file. */
  computed: 3,
} as const;

export const KEY_SHIFT: Readonly<Record<KeyKind, number>> = { exact: 0, name: 2, folded: 4 };

/** Set in the byte when the file is stored as JSON text, not UTF-8 (it holds a lone surrogate). */
export const STORED_AS_JSON = 0x40;

const ASCII = /^[\x00-\x7f]*$/;
/** A UTF-16 unit that is half of no pair: UTF-8 cannot hold it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function formOf(key: string | undefined, written: string, ascii: boolean): number {
  if (key === undefined) return KEY_FORM.none;
  if (key === written) return KEY_FORM.written;
  return ascii && key === written.toLowerCase() ? KEY_FORM.lower : KEY_FORM.computed;
}

/** The keys of one Part file and the byte that says how each relates to the file as written. */
export interface FileKeys {
  exact: string | undefined;
  name: string | undefined;
  folded: string | undefined;
  forms: number;
}

/** Fills `into` with the keys and forms of `file` (one object reused: an index build makes none per part). */
export function fileKeysOf(file: string, into: FileKeys): FileKeys {
  const exact = exactKeyOfFile(file);
  const written = fileNameOf(file);
  const name = nonEmpty(nfc(written));
  const folded = name === undefined ? undefined : foldCase(written);
  into.exact = exact;
  into.name = name;
  into.folded = folded;
  const ascii = ASCII.test(file);
  if (!ascii && LONE_SURROGATE.test(file)) {
    into.forms =
      STORED_AS_JSON |
      (exact === undefined ? 0 : KEY_FORM.computed << KEY_SHIFT.exact) |
      (name === undefined ? 0 : (KEY_FORM.computed << KEY_SHIFT.name) | (KEY_FORM.computed << KEY_SHIFT.folded));
    return into;
  }
  into.forms =
    (formOf(exact, file, ascii) << KEY_SHIFT.exact) |
    (formOf(name, written, ascii) << KEY_SHIFT.name) |
    (formOf(folded, written, ascii) << KEY_SHIFT.folded);
  return into;
}
