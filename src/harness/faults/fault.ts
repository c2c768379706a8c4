/**
 * What the replay server can do to a request instead of answering it
 * normally. Each fault acts on the real socket, so the client meets it the
 * way it would meet a broken network or a misbehaving server.
 */
export type Fault =
  /** TCP RST right after the request arrives. */
  | { readonly kind: 'reset' }
  /** Orderly close (FIN) before any byte of response. */
  | { readonly kind: 'close' }
  /** Accept and read the request, then send nothing, ever. */
  | { readonly kind: 'stall-headers' }
  /** Send the status line and some headers, then nothing. */
  | { readonly kind: 'stall-partial-headers' }
  /** Send headers and the first `afterBytes` of the body, then nothing. */
  | { readonly kind: 'stall-body'; readonly afterBytes?: number }
  /** Send headers and the first `afterBytes` of a longer declared body, then close. */
  | { readonly kind: 'truncate'; readonly afterBytes?: number }
  /** Send the real response `bytes` at a time every `everyMs`, slower than any total deadline but never silent for long. */
  | { readonly kind: 'drip'; readonly bytes?: number; readonly everyMs?: number }
  /** Answer with this HTTP status (and optional body and Retry-After) instead. */
  | { readonly kind: 'status'; readonly status: number; readonly body?: string; readonly retryAfter?: string }
  /** 200 with XML that is not well-formed (cut in the middle of an element). */
  | { readonly kind: 'malformed-xml' }
  /** 200 with an HTML page (a proxy or captive portal), Content-Type text/html. */
  | { readonly kind: 'wrong-content-type' }
  /** 200 with a body of `bytes` bytes, streamed (chunked unless `declareLength`). */
  | { readonly kind: 'oversized'; readonly bytes: number; readonly declareLength?: boolean }
  /** 200 with a "billion laughs" entity-expansion document. */
  | { readonly kind: 'xml-bomb' }
  /**
   * A listing answered from its start whatever start was asked (the size asked is kept): paging
   * ignored. `via: 'headers'` (default) ignores X-Plex-Container-Start only as a header, as behind
   * a proxy that drops the X-Plex-Container-* headers; `via: 'all'` ignores the query parameter too.
   */
  | { readonly kind: 'ignore-paging'; readonly via?: 'headers' | 'all' }
  /** The listing answer says totalSize="value", whatever the listing holds. */
  | { readonly kind: 'total-size'; readonly value: number }
  /** The listing answer holds no items (size="0"), totalSize and offset kept. */
  | { readonly kind: 'empty-page' }
  /**
   * The listing grows while it is read: it first hides `hidden` of its items, then shows `items`
   * more on each request the rule matches, at its end (nothing shifts; totalSize grows) or at its
   * start (every item shifts forward, so a page repeats items an earlier page had).
   */
  | { readonly kind: 'grow'; readonly hidden: number; readonly items: number; readonly at?: 'start' | 'end' };

export type FaultKind = Fault['kind'];

export const FAULT_KINDS: readonly FaultKind[] = [
  'reset',
  'close',
  'stall-headers',
  'stall-partial-headers',
  'stall-body',
  'truncate',
  'drip',
  'status',
  'malformed-xml',
  'wrong-content-type',
  'oversized',
  'xml-bomb',
  'ignore-paging',
  'total-size',
  'empty-page',
  'grow',
];

/** The faults that change what a listing answer says (answered normally, on a healthy socket). */
export const PAGE_FAULT_KINDS: readonly FaultKind[] = ['ignore-paging', 'total-size', 'empty-page', 'grow'];

/** Which requests a fault applies to, counted per rule: the nth matching request is attempt n. */
export interface FaultRule {
  readonly method?: string;
  /** Exact path (without query), or a pattern tested against it. */
  readonly path?: string | RegExp;
  /** Apply to the first `times` matching requests, then pass. */
  readonly times?: number;
  /** Apply only to these attempt numbers (1-based). */
  readonly attempts?: readonly number[];
  readonly fault: Fault;
}
