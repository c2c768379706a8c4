/**
 * Decodes the five XML entities and numeric character references in one
 * pass, so "&amp;lt;" becomes "&lt;" and never "<" (sequential replaces
 * decode twice). Plex writes attribute values this way; a file path must
 * come out byte-exact. Anything else after "&" is malformed XML.
 */
const reference = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));|&/g;

const named: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Thrown for "&" that does not start a known reference, or a reference to no valid character. */
export class XmlEntityError extends Error {
  override name = 'XmlEntityError';
}

function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

export function decodeXmlEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(
    reference,
    (match, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
      if (name !== undefined) return named[name] as string;
      if (dec === undefined && hex === undefined) {
        throw new XmlEntityError(`unescaped "&" or unknown entity near "${value.slice(0, 80)}"`);
      }
      const codePoint = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex as string, 16);
      if (!isXmlChar(codePoint)) throw new XmlEntityError(`character reference ${match} is not a valid XML character`);
      // fromCodePoint, not fromCharCode: names carry emoji and other astral characters.
      return String.fromCodePoint(codePoint);
    },
  );
}
