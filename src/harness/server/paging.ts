import type { ReplayRequest } from './answerRequest.js';
import type { StreamedBody } from './response.js';

/** The window a request asks for, from X-Plex-Container-Start/Size headers or the same-named query parameters. */
export interface PageWindow {
  readonly start: number;
  /** undefined: the client did not ask for paging, so the whole list is sent. */
  readonly size: number | undefined;
}

function pick(request: ReplayRequest, name: string): string | undefined {
  const header = request.headers[name.toLowerCase()];
  if (typeof header === 'string') return header;
  return request.query.get(name) ?? undefined;
}

function nonNegativeInt(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

export function pageWindow(request: ReplayRequest): PageWindow {
  return {
    start: nonNegativeInt(pick(request, 'X-Plex-Container-Start')) ?? 0,
    size: nonNegativeInt(pick(request, 'X-Plex-Container-Size')),
  };
}

/** True when the client asked for a window (a start or a size), as a paging client does. */
export function asksForPage(request: ReplayRequest): boolean {
  return pick(request, 'X-Plex-Container-Start') !== undefined || pick(request, 'X-Plex-Container-Size') !== undefined;
}

/**
 * The response headers Plex adds to a listing answered to a paging request: where the window
 * starts and how long the whole list is, the same numbers as the container's `offset` and `totalSize`.
 */
export function pagingHeaders(window: PageWindow, total: number): Record<string, string> {
  return { 'X-Plex-Container-Start': String(window.start), 'X-Plex-Container-Total-Size': String(total) };
}

/** The container attributes a page has of its own, which a whole listing stored for paging must not keep. */
export const PAGING_ATTRIBUTES = /\s(?:size|totalSize|offset)="[^"]*"/g;

/** The item elements of a listing, made one by one when a page asks (an array of them is one). */
export interface PageItems {
  readonly count: number;
  element(index: number): string;
}

/**
 * A listing as Plex renders it: the MediaContainer carries `size` (this
 * page), `totalSize` (the whole list) and `offset`; the children are the
 * item elements of the window, each made only when the body reaches it;
 * `lead` (a `<Meta>` element) comes before them and is not counted.
 */
export function renderListing(
  elements: PageItems | readonly string[],
  window: PageWindow,
  containerAttributes: string,
  lead = '',
): StreamedBody {
  const list = elements as readonly string[]; // Array.isArray does not narrow a readonly array
  const items = Array.isArray(elements)
    ? { count: list.length, element: (i: number) => list[i] as string }
    : (elements as PageItems);
  const first = Math.min(window.start, items.count);
  const end = window.size === undefined ? items.count : Math.min(items.count, window.start + window.size);
  const extra = containerAttributes.trim();
  const root = `<MediaContainer size="${Math.max(0, end - first)}" totalSize="${items.count}" offset="${window.start}"${extra ? ` ${extra}` : ''}>`;
  return {
    head: `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n${lead === '' ? '' : `${lead}\n`}`,
    *rest() {
      for (let i = first; i < end; i += 1) yield `${items.element(i)}\n`;
      yield '</MediaContainer>\n';
    },
  };
}

/** A listing page as one string (renderListing): a page is small, and is sent with its Content-Length. */
export function renderPage(
  elements: PageItems | readonly string[],
  window: PageWindow,
  containerAttributes: string,
  lead = '',
): string {
  const listing = renderListing(elements, window, containerAttributes, lead);
  return listing.head + [...listing.rest()].join('');
}
