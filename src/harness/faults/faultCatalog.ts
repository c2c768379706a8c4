import type { PlexClientOptions } from '../../client/clientConfig.js';
import type { Fault } from './fault.js';

/**
 * Every fault the replay server can do, as a case the real PlexClient is
 * driven through (GET / on a small fixture), with the outcome the client
 * promises (docs/client.md). The fault tests assert these; the docs table
 * (docs/faults.md) is produced by running them.
 */
export interface FaultCase {
  readonly name: string;
  /** What the server does, in words, for the table. */
  readonly does: string;
  /** A fault done to requests (with `times`: to the first n, then it answers normally). */
  readonly fault?: Fault;
  readonly times?: number;
  /** A fault of the connection itself, cleared after `clearAfterAttempts` client attempts (never when absent). */
  readonly connectFault?: 'refused' | 'blackhole';
  readonly clearAfterAttempts?: number;
  readonly client?: PlexClientOptions;
  readonly expect: {
    /** The error class name, or 'success'. */
    readonly outcome: string;
    readonly code?: string;
    readonly phase?: string;
    readonly clientAttempts: number;
    /** Requests the server saw; connection faults hide attempts from it. */
    readonly serverRequests: number;
    /** Bounds of the whole call, in ms. */
    readonly minMs?: number;
    readonly maxMs: number;
  };
}

/** Short timeouts so that timeout cases take seconds, not minutes. */
const FAST = { readTimeoutMs: 1000, connectTimeoutMs: 1000 } as const;
/** Three attempts of 1 s plus waits of [100,200] and [200,300] ms, plus scheduling and timer precision. */
const THREE_TIMEOUTS = { minMs: 3 * 1000 + 300, maxMs: 3 * 1000 + 500 + 300 } as const;
/** Three quick failures: only the two waits, [300, 500] ms, plus scheduling. */
const THREE_QUICK = { minMs: 300, maxMs: 900 } as const;

type Outcome = Pick<FaultCase['expect'], 'outcome' | 'code' | 'phase'>;

/** A connection-class failure on every request: retried, then given up after three attempts. */
function retried(
  name: string,
  does: string,
  fault: Fault,
  outcome: Outcome,
  timing: { minMs: number; maxMs: number } = THREE_QUICK,
): FaultCase {
  return { name, does, fault, client: FAST, expect: { ...outcome, clientAttempts: 3, serverRequests: 3, ...timing } };
}

/** An answer (a status or a body): final, one attempt, quick. */
function answered(
  name: string,
  does: string,
  fault: Fault,
  outcome: Outcome,
  client: PlexClientOptions = FAST,
): FaultCase {
  return { name, does, fault, client, expect: { ...outcome, clientAttempts: 1, serverRequests: 1, maxMs: 500 } };
}

const temporary = (code: string): Outcome => ({ outcome: 'PlexTemporaryError', code });
const permanent = (code: string): Outcome => ({ outcome: 'PlexPermanentError', code });
const readTimeout = (phase: string): Outcome => ({ outcome: 'PlexTimeout', code: 'READ_TIMEOUT', phase });
const LIMIT_1MiB = { ...FAST, maxResponseBytes: 1024 * 1024 };

export const FAULT_CASES: readonly FaultCase[] = [
  retried('reset', 'TCP RST after reading the request', { kind: 'reset' }, temporary('ECONNRESET')),
  {
    name: 'reset, twice then pass',
    does: 'RST on the first two requests, then the answer',
    fault: { kind: 'reset' },
    times: 2,
    client: FAST,
    expect: { outcome: 'success', clientAttempts: 3, serverRequests: 3, ...THREE_QUICK },
  },
  retried(
    'close',
    'closes the connection (FIN) before any response byte',
    { kind: 'close' },
    temporary('SOCKET_CLOSED'),
  ),
  {
    name: 'refused',
    does: 'nothing listens on the port',
    connectFault: 'refused',
    client: FAST,
    expect: { outcome: 'PlexServerDown', code: 'ECONNREFUSED', clientAttempts: 3, serverRequests: 0, ...THREE_QUICK },
  },
  {
    name: 'refused, once then pass',
    does: 'refuses the first connect, then listens again',
    connectFault: 'refused',
    clearAfterAttempts: 1,
    client: FAST,
    expect: { outcome: 'success', clientAttempts: 2, serverRequests: 1, minMs: 100, maxMs: 600 },
  },
  {
    name: 'connect blackhole',
    does: 'a listener that never accepts (full backlog): connects hang',
    connectFault: 'blackhole',
    client: FAST,
    expect: {
      outcome: 'PlexTimeout',
      code: 'CONNECT_TIMEOUT',
      phase: 'connect',
      clientAttempts: 3,
      serverRequests: 0,
      ...THREE_TIMEOUTS,
    },
  },
  retried(
    'stall before headers',
    'reads the request, then sends nothing',
    { kind: 'stall-headers' },
    readTimeout('headers'),
    THREE_TIMEOUTS,
  ),
  {
    name: 'stall before headers, once then pass',
    does: 'stalls the first request, answers the second',
    fault: { kind: 'stall-headers' },
    times: 1,
    client: FAST,
    expect: { outcome: 'success', clientAttempts: 2, serverRequests: 2, minMs: 1100, maxMs: 1500 },
  },
  retried(
    'stall after partial headers',
    'sends the status line and one header, then nothing',
    { kind: 'stall-partial-headers' },
    readTimeout('headers'),
    THREE_TIMEOUTS,
  ),
  retried(
    'stall mid-body',
    'sends headers and half the body, then nothing',
    { kind: 'stall-body' },
    readTimeout('body'),
    THREE_TIMEOUTS,
  ),
  retried(
    'truncated body',
    'sends half the declared Content-Length, then closes',
    { kind: 'truncate' },
    temporary('SOCKET_CLOSED'),
  ),
  {
    name: 'slow drip, no deadline hit',
    does: '200 bytes every 100 ms: never silent for the 1 s read timeout',
    fault: { kind: 'drip', bytes: 200, everyMs: 100 },
    client: FAST,
    expect: { outcome: 'success', clientAttempts: 1, serverRequests: 1, minMs: 1500, maxMs: 4000 },
  },
  {
    name: 'slow drip, deadline 1 s',
    does: 'the same drip, with deadlineMs 1000: the overall bound ends it',
    fault: { kind: 'drip', bytes: 200, everyMs: 100 },
    client: { ...FAST, deadlineMs: 1000 },
    expect: {
      outcome: 'PlexTimeout',
      code: 'DEADLINE',
      phase: 'deadline',
      clientAttempts: 1,
      serverRequests: 1,
      minMs: 1000,
      maxMs: 1100,
    },
  },
  answered('HTTP 401', 'answers 401 (token missing or wrong)', { kind: 'status', status: 401 }, permanent('HTTP_401')),
  answered('HTTP 404', 'answers 404', { kind: 'status', status: 404 }, { outcome: 'PlexNotFound', code: 'HTTP_404' }),
  answered(
    'HTTP 429 with Retry-After',
    'answers 429, Retry-After: 30',
    { kind: 'status', status: 429, retryAfter: '30' },
    temporary('HTTP_429'),
  ),
  answered('HTTP 500', 'answers 500', { kind: 'status', status: 500 }, temporary('HTTP_500')),
  answered('HTTP 503', 'answers 503 (Plex starting up)', { kind: 'status', status: 503 }, temporary('HTTP_503')),
  answered(
    'malformed XML',
    '200 with XML cut inside an element',
    { kind: 'malformed-xml' },
    permanent('XML_MALFORMED'),
  ),
  answered(
    'wrong content type',
    '200 with an HTML sign-in page (text/html)',
    { kind: 'wrong-content-type' },
    permanent('XML_MALFORMED'),
  ),
  answered(
    'oversized body, declared',
    '200 with Content-Length 64 MiB (limit 1 MiB)',
    { kind: 'oversized', bytes: 64 * 1024 * 1024, declareLength: true },
    permanent('BODY_TOO_LARGE'),
    LIMIT_1MiB,
  ),
  answered(
    'oversized body, chunked',
    '200 streaming 64 MiB without Content-Length (limit 1 MiB)',
    { kind: 'oversized', bytes: 64 * 1024 * 1024 },
    permanent('BODY_TOO_LARGE'),
    LIMIT_1MiB,
  ),
  answered(
    'XML entity-expansion bomb',
    '200 with a "billion laughs" DOCTYPE',
    { kind: 'xml-bomb' },
    permanent('XML_MALFORMED'),
  ),
];
