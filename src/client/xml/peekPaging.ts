/** What an answer's root start tag says of its paging (absent attributes are undefined). */
export interface PagingPeek {
  readonly size?: number | undefined;
  readonly totalSize?: number | undefined;
  readonly offset?: number | undefined;
}

/** The start tag of the root, where Plex writes size and totalSize; both are digits, so Latin-1 reads them. */
const ROOT = /<MediaContainer\b[^>]*>/;

const ATTRIBUTES = {
  size: /\ssize="(\d+)"/,
  totalSize: /\stotalSize="(\d+)"/,
  offset: /\soffset="(\d+)"/,
} as const;

function number(tag: string, name: keyof typeof ATTRIBUTES): number | undefined {
  const found = ATTRIBUTES[name].exec(tag);
  return found?.[1] === undefined ? undefined : Number(found[1]);
}

/**
 * What a listing's root start tag says of its paging, read from the first
 * bytes before the page is parsed, so a scan can ask for the next pages at
 * once. Only a hint: the parsed page is what counts.
 */
export function peekPaging(body: readonly Uint8Array[]): PagingPeek {
  const first = body[0];
  if (first === undefined) return {};
  const tag = ROOT.exec(Buffer.from(first.buffer, first.byteOffset, Math.min(first.length, 2048)).toString('latin1'));
  if (tag === null) return {};
  return { size: number(tag[0], 'size'), totalSize: number(tag[0], 'totalSize'), offset: number(tag[0], 'offset') };
}
