import type { ReplayRequest } from './startReplayServer.js';

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

/** The container attributes a page has of its own, which a whole listing stored for paging must not keep. */
export const PAGING_ATTRIBUTES = /\s(?:size|totalSize|offset)="[^"]*"/g;

/**
 * A listing page as Plex renders it: the MediaContainer carries `size` (this
 * page), `totalSize` (the whole list) and `offset`; the children are the
 * already-rendered item elements of the window.
 */
export function renderPage(itemsXml: readonly string[], window: PageWindow, containerAttributes: string): string {
  const end = window.size === undefined ? itemsXml.length : Math.min(itemsXml.length, window.start + window.size);
  const page = itemsXml.slice(Math.min(window.start, itemsXml.length), end);
  const extra = containerAttributes.trim();
  const head = `<MediaContainer size="${page.length}" totalSize="${itemsXml.length}" offset="${window.start}"${extra ? ` ${extra}` : ''}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${page.join('\n')}${page.length > 0 ? '\n' : ''}</MediaContainer>\n`;
}
