/** The start tag of the root, where Plex writes size and totalSize; both are digits, so Latin-1 reads them. */
const ROOT = /<MediaContainer\b[^>]*>/;

function number(tag: string, name: string): number | undefined {
  const found = new RegExp(`\\s${name}="(\\d+)"`).exec(tag);
  return found?.[1] === undefined ? undefined : Number(found[1]);
}

/**
 * What a listing's root start tag says of its paging, read from the first
 * bytes before the page is parsed, so a scan can ask for the next pages at
 * once. Only a hint: the parsed page is what counts.
 */
export function peekPaging(body: readonly Uint8Array[]): { size?: number; totalSize?: number } {
  const first = body[0];
  if (first === undefined) return {};
  const tag = ROOT.exec(Buffer.from(first.buffer, first.byteOffset, Math.min(first.length, 2048)).toString('latin1'));
  if (tag === null) return {};
  const size = number(tag[0], 'size');
  const totalSize = number(tag[0], 'totalSize');
  return { ...(size === undefined ? {} : { size }), ...(totalSize === undefined ? {} : { totalSize }) };
}
