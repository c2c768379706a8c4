import { PAGING_PARAMETERS } from '../fixtures/fixtureSet.js';
import type { ReplayRequest } from '../server/answerRequest.js';
import { pageWindow } from '../server/paging.js';
import type { ReplayResponse } from '../server/response.js';
import { type Fault, PAGE_FAULT_KINDS } from './fault.js';

/** A fault that changes what a listing answer says, on a healthy socket. */
export type PageFault = Extract<Fault, { kind: 'ignore-paging' | 'total-size' | 'empty-page' | 'grow' }>;

export function isPageFault(fault: Fault): fault is PageFault {
  return PAGE_FAULT_KINDS.includes(fault.kind);
}

/** The request as if it had asked for the window (start, size), in the query, with no paging headers. */
function withWindow(request: ReplayRequest, start: number, size: number | undefined): ReplayRequest {
  const headers = { ...request.headers };
  for (const name of PAGING_PARAMETERS) delete headers[name.toLowerCase()];
  const query = new URLSearchParams(request.query);
  query.set('X-Plex-Container-Start', String(start));
  if (size === undefined) query.delete('X-Plex-Container-Size');
  else query.set('X-Plex-Container-Size', String(size));
  return { ...request, headers, query };
}

const ROOT = /<MediaContainer\b[^>]*>/;

/** The text that holds the root start tag: the whole body, or a streamed body's head. */
function headOf(response: ReplayResponse): string {
  return Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.body.head;
}

/** The answer with attributes of its root start tag set (or added) to these values. */
function withRootAttributes(response: ReplayResponse, values: Readonly<Record<string, number>>): ReplayResponse {
  const { body } = response;
  const head = headOf(response).replace(ROOT, (tag) => {
    let out = tag;
    for (const [name, value] of Object.entries(values)) {
      const attribute = new RegExp(`(\\s${name}=)"[^"]*"`);
      out = attribute.test(out)
        ? out.replace(attribute, `$1"${value}"`)
        : out.replace(/\/?>$/, (end) => ` ${name}="${value}"${end}`);
    }
    return out;
  });
  return { ...response, body: Buffer.isBuffer(body) ? Buffer.from(head, 'utf8') : { head, rest: () => body.rest() } };
}

/** The answer with its items taken out (size="0"), everything else of the root kept. */
function withoutItems(response: ReplayResponse): ReplayResponse {
  const text = headOf(response);
  const tag = ROOT.exec(text)?.[0];
  if (tag === undefined) return response;
  const root = tag.replace(/\s*\/>$/, '>');
  const head = text.slice(0, text.indexOf(tag));
  return withRootAttributes(
    { ...response, body: Buffer.from(`${head}${root}</MediaContainer>\n`, 'utf8') },
    { size: 0 },
  );
}

function totalOf(response: ReplayResponse): number {
  const found = /\stotalSize="(\d+)"/.exec(ROOT.exec(headOf(response))?.[0] ?? '');
  return found?.[1] === undefined ? 0 : Number(found[1]);
}

/**
 * The answer a listing request gets from a server doing `fault`, as the
 * `attempt`-th request its rule matched. `respond` gives the normal answer
 * to any request (the fixture's), so each fault is the healthy answer to
 * another question, or with its root attributes changed.
 */
export function answerWithPageFault(
  fault: PageFault,
  request: ReplayRequest,
  attempt: number,
  respond: (request: ReplayRequest) => ReplayResponse,
): ReplayResponse {
  const window = pageWindow(request);
  switch (fault.kind) {
    case 'ignore-paging': {
      const startInHeader = typeof request.headers['x-plex-container-start'] === 'string';
      if ((fault.via ?? 'headers') === 'all' || startInHeader) return respond(withWindow(request, 0, window.size));
      return respond(request);
    }
    case 'total-size':
      return withRootAttributes(respond(request), { totalSize: fault.value });
    case 'empty-page':
      return withoutItems(respond(request));
    case 'grow': {
      const all = totalOf(respond(withWindow(request, 0, 0)));
      const hidden = Math.min(all, Math.max(0, fault.hidden - fault.items * (attempt - 1)));
      const visible = all - hidden;
      const first = (fault.at ?? 'end') === 'start' ? hidden : 0;
      const size = Math.max(0, Math.min(window.size ?? visible, visible - window.start));
      const answer = respond(withWindow(request, first + Math.min(window.start, visible), size));
      return withRootAttributes(answer, { totalSize: visible, offset: window.start });
    }
  }
}
