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

const NAME_START =
  'A-Z_a-z:\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{2FF}\\u{370}-\\u{37D}\\u{37F}-\\u{1FFF}\\u{200C}-\\u{200D}' +
  '\\u{2070}-\\u{218F}\\u{2C00}-\\u{2FEF}\\u{3001}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFFD}\\u{10000}-\\u{EFFFF}';
const NAME_REST = `${NAME_START}\\-.0-9\\u{B7}\\u{300}-\\u{36F}\\u{203F}-\\u{2040}`;
const XML_NAME = new RegExp(`^[${NAME_START}][${NAME_REST}]*$`, 'u');

/** Name, for the rare name that is not ASCII (Plex's are). */
export function isXmlName(name: string): boolean {
  return XML_NAME.test(name);
}
