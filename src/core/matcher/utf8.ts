/**
 * Text compared with UTF-8 bytes where they lie in the packed index,
 * without decoding them: checking a key on a lookup costs a loop over its
 * bytes, not a string.
 */

/**
 * True when bytes [start, end) are the UTF-8 of `text`; with `lower`, when
 * they are ASCII and their ASCII lower case is `text`. A lone surrogate in
 * `text` never matches (the index keeps text holding one another way).
 */
export function sameUtf8(bytes: Uint8Array, start: number, end: number, text: string, lower: boolean): boolean {
  let at = start;
  const length = text.length;
  for (let i = 0; i < length; i += 1) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      if (at >= end) return false;
      const byte = bytes[at] as number;
      // A lower-case key holds no upper-case letter: one that does is another key, whatever the bytes.
      if (lower && c >= 0x41 && c <= 0x5a) return false;
      if (byte !== c && !(lower && byte >= 0x41 && byte <= 0x5a && byte + 0x20 === c)) return false;
      at += 1;
      continue;
    }
    if (lower) return false;
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i += 1;
      }
    }
    if (c >= 0xd800 && c < 0xe000) return false;
    const size = c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (at + size > end) return false;
    const lead = size === 2 ? 0xc0 | (c >> 6) : size === 3 ? 0xe0 | (c >> 12) : 0xf0 | (c >> 18);
    if (bytes[at] !== lead) return false;
    for (let k = 1; k < size; k += 1) {
      if (bytes[at + k] !== (0x80 | ((c >> (6 * (size - 1 - k))) & 0x3f))) return false;
    }
    at += size;
  }
  return at === end;
}

/** Where the file name starts in the UTF-8 path [start, end): after its last '/' or '\' (fileName.ts). */
export function fileNameStart(bytes: Uint8Array, start: number, end: number): number {
  let at = end;
  while (at > start && bytes[at - 1] !== 0x2f && bytes[at - 1] !== 0x5c) at -= 1;
  return at;
}
