/** The character classes of XML 1.0 (Fifth Edition) that a well-formedness check needs. */

/** Char: what may appear in a document at all (tab, newline, carriage return, and no other control). */
export function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/** S: space, tab, carriage return, line feed. */
export function isSpaceByte(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x09 || byte === 0x0d;
}

/** ASCII bytes by what they may be in a Name: 2 may start one, 1 may follow, 0 neither. */
const ASCII_NAME = new Uint8Array(128);
for (let byte = 0; byte < 128; byte += 1) {
  const c = String.fromCharCode(byte);
  if (/[A-Za-z_:]/.test(c)) ASCII_NAME[byte] = 2;
  else if (/[-.0-9]/.test(c)) ASCII_NAME[byte] = 1;
}

/** An ASCII byte that may start a Name. Bytes from 0x80 on start UTF-8 sequences: see isXmlName. */
export function startsAsciiName(byte: number): boolean {
  return byte < 0x80 && ASCII_NAME[byte] === 2;
}

/** An ASCII byte that may continue a Name. */
export function continuesAsciiName(byte: number): boolean {
  return byte < 0x80 && ASCII_NAME[byte] !== 0;
}

/** NameStartChar beyond ASCII, as code point ranges (XML 1.0 Fifth Edition, production [4]). */
const NAME_START_RANGES: readonly (readonly [number, number])[] = [
  [0xc0, 0xd6],
  [0xd8, 0xf6],
  [0xf8, 0x2ff],
  [0x370, 0x37d],
  [0x37f, 0x1fff],
  [0x200c, 0x200d],
  [0x2070, 0x218f],
  [0x2c00, 0x2fef],
  [0x3001, 0xd7ff],
  [0xf900, 0xfdcf],
  [0xfdf0, 0xfffd],
  [0x10000, 0xeffff],
];
/** What NameChar adds beyond ASCII (production [4a]). */
const NAME_REST_RANGES: readonly (readonly [number, number])[] = [
  [0xb7, 0xb7],
  [0x300, 0x36f],
  [0x203f, 0x2040],
];

function inRanges(codePoint: number, ranges: readonly (readonly [number, number])[]): boolean {
  for (const [low, high] of ranges) if (codePoint >= low && codePoint <= high) return true;
  return false;
}

/** Name, for the rare name that is not ASCII (Plex's are); a loop, not a regular expression, so any length is safe. */
export function isXmlName(name: string): boolean {
  let first = true;
  for (const char of name) {
    const codePoint = char.codePointAt(0) as number;
    const ok =
      codePoint < 0x80
        ? first
          ? startsAsciiName(codePoint)
          : continuesAsciiName(codePoint)
        : inRanges(codePoint, NAME_START_RANGES) || (!first && inRanges(codePoint, NAME_REST_RANGES));
    if (!ok) return false;
    first = false;
  }
  return !first;
}
