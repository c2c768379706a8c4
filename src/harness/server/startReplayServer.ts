import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { redactUrl } from '../../client/redact.js';
import { applyFault } from '../faults/applyFault.js';
import type { FaultKind, FaultRule } from '../faults/fault.js';
import type { ReplayResponse } from './response.js';

/** A request as the responder sees it. */
export interface ReplayRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
}

/** Produces the normal answer to a request, or undefined for 404. */
export type Responder = (request: ReplayRequest) => ReplayResponse | undefined;

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
}

export interface ReplayServerOptions {
  readonly respond: Responder;
  readonly faults?: readonly FaultRule[];
  /** When set, requests without this token (header or X-Plex-Token query) get 401. */
  readonly token?: string;
  readonly port?: number;
  /** Called for every request after it is handled (e.g. to print a log line). */
  readonly onRequest?: (entry: RequestLogEntry) => void;
}

export interface ReplayServer {
  readonly url: string;
  readonly port: number;
  /** Every request so far, in arrival order. */
  readonly log: readonly RequestLogEntry[];
  /** Replaces the fault script (and resets its attempt counters). */
  setFaults(rules: readonly FaultRule[]): void;
  /** TCP connections currently open to the server. */
  openConnections(): Promise<number>;
  close(): Promise<void>;
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

const unauthorized = (): ReplayResponse => ({
  status: 401,
  headers: { 'content-type': 'text/html' },
  body: Buffer.from('<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>'),
});

const notFound = (): ReplayResponse => ({
  status: 404,
  headers: { 'content-type': 'text/html' },
  body: Buffer.from('<html><head><title>Not Found</title></head><body><h1>404 Not Found</h1></body></html>'),
});

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
    const parsed = new URL(req.url ?? '/', 'http://replay.invalid');
    const query = parsed.searchParams;
    const headerToken = req.headers['x-plex-token'];
    const sentToken =
      (typeof headerToken === 'string' ? headerToken : undefined) ?? query.get('X-Plex-Token') ?? undefined;
    const at = performance.now();
    const entry: { -readonly [K in keyof RequestLogEntry]: RequestLogEntry[K] } = {
      seq: log.length + 1,
      at,
      time: new Date().toISOString(),
      method,
      url: redactUrl(req.url ?? '/'),
      path: parsed.pathname,
      tokenSent: sentToken !== undefined,
    };
    const start = req.headers['x-plex-container-start'] ?? query.get('X-Plex-Container-Start');
    const size = req.headers['x-plex-container-size'] ?? query.get('X-Plex-Container-Size');
    if (typeof start === 'string') entry.containerStart = start;
    if (typeof size === 'string') entry.containerSize = size;
    log.push(entry);

    let response: ReplayResponse;
    if (options.token !== undefined && sentToken !== options.token) response = unauthorized();
    else response = options.respond({ method, path: parsed.pathname, query, headers: req.headers }) ?? notFound();

    // Every rule counts the requests it matches; the first rule that applies to its count wins.
    let chosen: { rule: FaultRule; attempt: number } | undefined;
    rules.forEach((rule, index) => {
      if (!ruleMatches(rule, method, parsed.pathname)) return;
      const attempt = (counters[index] ?? 0) + 1;
      counters[index] = attempt;
      if (chosen === undefined && appliesTo(rule, attempt)) chosen = { rule, attempt };
    });
    if (chosen !== undefined) {
      const { rule, attempt } = chosen;
      entry.fault = rule.fault.kind;
      entry.faultAttempt = attempt;
      if (rule.fault.kind === 'status') entry.status = rule.fault.status;
      applyFault(rule.fault, req, res, response, (timer) => timers.add(timer));
      options.onRequest?.(entry);
      return;
    }
    entry.status = response.status;
    res.writeHead(response.status, { ...response.headers, 'content-length': String(response.body.length) });
    res.end(response.body);
    options.onRequest?.(entry);
  };

  const server = createServer({ keepAliveTimeout: 5000 }, handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: options.port ?? 0 }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
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
    close() {
      for (const timer of timers) clearInterval(timer);
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
