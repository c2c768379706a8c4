import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream';
import { redactUrl } from '../../index.js';
import { applyFault } from '../faults/applyFault.js';
import { type BlackholeListener, startBlackholeListener } from '../faults/blackholeListener.js';
import type { FaultKind, FaultRule } from '../faults/fault.js';
import { answerWithPageFault, isPageFault, type PageFault } from '../faults/pageFaults.js';
import { answerRequest, htmlResponse, type ReplayRequest, type Responder, tokenOf } from './answerRequest.js';
import { type ReplayResponse, wireBytes, wireStream, xmlResponse } from './response.js';
import type { TlsMaterial } from './selfSignedCertificate.js';

export type { ReplayRequest, Responder };

/** What the server did with one request, and when (performance.now() of this process). */
export interface RequestLogEntry {
  readonly seq: number;
  readonly at: number;
  readonly time: string;
  readonly method: string;
  /** Path and query, token redacted. */
  readonly url: string;
  readonly path: string;
  readonly containerStart?: string;
  readonly containerSize?: string;
  readonly tokenSent: boolean;
  /** The fault done instead of answering, and which matching request of its rule this was. */
  readonly fault?: FaultKind;
  readonly faultAttempt?: number;
  /** The status sent, when a complete normal or status answer was sent. */
  readonly status?: number;
  /** When the normal answer was written (performance.now()); absent for faults. */
  readonly answeredAt?: number;
}

export interface ReplayServerOptions {
  readonly respond: Responder;
  readonly faults?: readonly FaultRule[];
  /** When set, requests without this token (header or X-Plex-Token query) get 401. */
  readonly token?: string;
  readonly port?: number;
  /** Called for every request after it is handled (e.g. to print a log line). */
  readonly onRequest?: (entry: RequestLogEntry) => void;
  /**
   * Holds every section listing request (`/library/sections/{key}/all`) this long before handling it:
   * a slow Plex. A function decides per request (e.g. random delays, so pages finish out of order).
   */
  readonly pageDelayMs?: number | ((entry: RequestLogEntry) => number);
  /** Speak https with this key and certificate (selfSignedCertificate makes one); faults work the same. */
  readonly tls?: TlsMaterial;
}

/** What a page fault sees when the fixture has no answer for the request it asks instead. */
const notFound = xmlResponse(
  '<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="0"></MediaContainer>\n',
  404,
);

/** The answer to a request target that is not a URL. */
const badRequest = htmlResponse(400, 'Bad Request');

/** The requests `pageDelayMs` delays: section listings, the requests a scan makes many of. */
const LISTING_PATH = /^\/library\/sections\/[^/]+\/all$/;

/** Faults of the connection itself, before any request exists. */
export type ConnectFault = 'refused' | 'blackhole';

export interface ReplayServer {
  readonly url: string;
  readonly port: number;
  /** Every request so far, in arrival order. */
  readonly log: readonly RequestLogEntry[];
  /** Replaces the fault script (and resets its attempt counters). */
  setFaults(rules: readonly FaultRule[]): void;
  /** TCP connections currently open to the server. */
  openConnections(): Promise<number>;
  /**
   * A fault below HTTP, on the server's own port, until cleared with
   * undefined: 'refused' stops listening (connects are refused), 'blackhole'
   * puts a listener that never accepts on the port (connects hang). Open
   * connections are closed, so no client slips through on a kept-alive socket.
   * No request reaches the server meanwhile, so these are counted client-side.
   */
  setConnectFault(fault: ConnectFault | undefined): Promise<void>;
  close(): Promise<void>;
}

/** Sends an answer: a whole body with its Content-Length, a streamed one in chunks as the socket takes them. */
function sendResponse(res: ServerResponse, response: ReplayResponse): void {
  const { status, headers, body } = response;
  if (Buffer.isBuffer(body)) {
    const bytes = wireBytes(response);
    res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
    res.end(bytes);
    return;
  }
  res.writeHead(status, headers);
  // A client that goes away ends the stream (and a body that cannot be made ends it early); nothing is left to tell.
  pipeline(wireStream(response), res, () => {});
}

/** The answer, or a 500 when the responder throws (a bug in a set or a responder must not leave the request hanging). */
function answerOrFail(request: ReplayRequest, respond: Responder, token: string | undefined): ReplayResponse {
  try {
    return answerRequest(request, respond, token);
  } catch {
    return htmlResponse(500, 'Internal Server Error');
  }
}

function ruleMatches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method) return false;
  if (rule.path === undefined) return true;
  return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path);
}

function appliesTo(rule: FaultRule, attempt: number): boolean {
  if (rule.attempts !== undefined) return rule.attempts.includes(attempt);
  if (rule.times !== undefined) return attempt <= rule.times;
  return true;
}

/**
 * A real HTTP server on 127.0.0.1 that answers like Plex (through
 * `respond`) and does scripted faults to chosen requests on their sockets.
 */
export async function startReplayServer(options: ReplayServerOptions): Promise<ReplayServer> {
  let rules = [...(options.faults ?? [])];
  let counters = rules.map(() => 0);
  const log: RequestLogEntry[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const at = performance.now();
    const time = new Date().toISOString();
    // Node hands over any request target; one that is no URL (`http://[`, `//a:99999/x`) is the
    // client's mistake, answered 400 like any web server, and the next request is served as usual.
    const parsed = URL.parse(target, 'http://replay.invalid');
    if (parsed === null) {
      const url = redactUrl(target);
      const { status } = badRequest;
      const entry = { seq: log.length + 1, at, time, method, url, path: url, tokenSent: false, status, answeredAt: at };
      log.push(entry);
      sendResponse(res, badRequest);
      options.onRequest?.(entry);
      return;
    }
    const query = parsed.searchParams;
    const request: ReplayRequest = { method, path: parsed.pathname, query, headers: req.headers };
    const sentToken = tokenOf(request);
    const entry: { -readonly [K in keyof RequestLogEntry]: RequestLogEntry[K] } = {
      seq: log.length + 1,
      at,
      time,
      method,
      url: redactUrl(target),
      path: parsed.pathname,
      tokenSent: sentToken !== undefined,
    };
    const start = req.headers['x-plex-container-start'] ?? query.get('X-Plex-Container-Start');
    const size = req.headers['x-plex-container-size'] ?? query.get('X-Plex-Container-Size');
    if (typeof start === 'string') entry.containerStart = start;
    if (typeof size === 'string') entry.containerSize = size;
    log.push(entry);
    // The answer is made (and its fault chosen) on arrival; a listing delay holds only its sending,
    // so the delay is the server's thinking time, and "attempt n" is the nth request to arrive.
    // Every rule counts the requests it matches. Of the socket faults, the first that applies to
    // its count acts; every page fault that applies changes the answer, in the order given.
    let chosen: { rule: FaultRule; attempt: number } | undefined;
    const pageFaults: { fault: PageFault; attempt: number }[] = [];
    rules.forEach((rule, index) => {
      if (!ruleMatches(rule, method, parsed.pathname)) return;
      const attempt = (counters[index] ?? 0) + 1;
      counters[index] = attempt;
      if (!appliesTo(rule, attempt)) return;
      if (isPageFault(rule.fault)) pageFaults.push({ fault: rule.fault, attempt });
      else chosen ??= { rule, attempt };
    });
    let respond: Responder = options.respond;
    for (const { fault, attempt } of pageFaults) {
      const inner = respond;
      respond = (r) => answerWithPageFault(fault, r, attempt, (other) => inner(other) ?? notFound);
    }
    const response = answerOrFail(request, respond, options.token);
    const act = (): void => {
      if (chosen !== undefined) {
        const { rule, attempt } = chosen;
        entry.fault = rule.fault.kind;
        entry.faultAttempt = attempt;
        if (rule.fault.kind === 'status') entry.status = rule.fault.status;
        applyFault(rule.fault, req, res, response, (timer) => timers.add(timer));
      } else {
        const last = pageFaults.at(-1);
        if (last !== undefined) {
          entry.fault = last.fault.kind;
          entry.faultAttempt = last.attempt;
        }
        entry.status = response.status;
        entry.answeredAt = performance.now();
        sendResponse(res, response);
      }
      options.onRequest?.(entry);
    };
    const { pageDelayMs } = options;
    const listing = pageDelayMs !== undefined && LISTING_PATH.test(parsed.pathname);
    const delay = !listing ? 0 : typeof pageDelayMs === 'function' ? pageDelayMs(entry) : pageDelayMs;
    const wait = delay - (performance.now() - at);
    if (wait <= 0) {
      act();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!req.socket.destroyed) act();
    }, wait);
    timers.add(timer);
  };

  const server =
    options.tls === undefined
      ? createServer({ keepAliveTimeout: 5000 }, handle)
      : createHttpsServer({ keepAliveTimeout: 5000, key: options.tls.key, cert: options.tls.cert }, handle);
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  let connectFault: ConnectFault | undefined;
  let blackhole: BlackholeListener | undefined;
  return {
    url: `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
    port,
    log,
    setFaults(next) {
      rules = [...next];
      counters = rules.map(() => 0);
    },
    openConnections() {
      return new Promise<number>((resolve, reject) =>
        server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      );
    },
    async setConnectFault(fault) {
      if (fault === connectFault) return;
      if (connectFault === undefined) {
        server.close();
        server.closeAllConnections();
      }
      await blackhole?.close();
      blackhole = undefined;
      if (fault === 'blackhole') blackhole = await startBlackholeListener(port);
      if (fault === undefined) await listen(port);
      connectFault = fault;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      await blackhole?.close();
      if (connectFault !== undefined) return;
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
