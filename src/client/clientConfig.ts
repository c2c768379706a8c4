import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { PlexConfigError } from './errors/errors.js';
import type { AttemptListener } from './http/attemptEvent.js';
import type { PlexLogger } from './logger.js';
import { silentLogger } from './logger.js';
import { MIN_TOKEN_LENGTH, redactUrl } from './redact.js';
import type { RandomSource } from './retry/backoffDelay.js';
import { type TlsSettings, tlsSettings } from './tlsOptions.js';

/** Options of `new PlexClient(url, token, options)`. Unknown names are rejected, not ignored. */
export interface PlexClientOptions {
  /** Bound on TCP connect (and name lookup), per attempt. Default 5000. */
  readonly connectTimeoutMs?: number;
  /** Bound on the wait for response headers and on every silence in the body, per attempt. Default 30000. */
  readonly readTimeoutMs?: number;
  /** Bound on a whole request, every attempt and wait included: a slow drip cannot stretch it. Default 300000. */
  readonly deadlineMs?: number;
  /** Items per page when listing a section (X-Plex-Container-Size). Default 500. */
  readonly pageSize?: number;
  /** Listing requests in flight at once while scanning a section, after the first page. Default 4; 1 pages one by one. */
  readonly pageConcurrency?: number;
  /**
   * matchPath re-checks a miss by asking what Plex added or updated, at most once per library per this
   * many ms; misses meanwhile share the last answer. Default 10000; 0 asks on every miss.
   */
  readonly refreshIntervalMs?: number;
  /** A response body larger than this fails with PlexPermanentError. Default 128 MiB. */
  readonly maxResponseBytes?: number;
  /** Receives one warning before each retry wait. Default: silent. `console` works. */
  readonly logger?: PlexLogger;
  /** Uniform [0, 1] source for backoff jitter. Default Math.random. */
  readonly random?: RandomSource;
  /** Sent as X-Plex-Client-Identifier. Default: stable per machine. */
  readonly clientIdentifier?: string;
  /** Called after every attempt of every request, with its timing and outcome. */
  readonly onAttempt?: AttemptListener;
  /** https: certificate authorities (PEM text or a list) to trust besides the system's roots. */
  readonly ca?: string | readonly string[];
  /** https: the name the certificate must carry, when it is not the URL's host (an IP URL, a plex.direct certificate). */
  readonly servername?: string;
  /**
   * https: verify the server's certificate. Default true. `false` encrypts but does not
   * authenticate: anyone on the path can read the token. The client then logs one warning.
   */
  readonly rejectUnauthorized?: boolean;
}

/** The options that say how an https server is checked (`--ca`, `--tls-servername`, `--insecure`). */
export type PlexTlsOptions = Pick<PlexClientOptions, 'ca' | 'servername' | 'rejectUnauthorized'>;

/** Everything a client needs, validated. */
export interface ClientConfig {
  /** Origin of the server, e.g. http://127.0.0.1:32400 */
  readonly origin: string;
  /** Path prefix when Plex sits behind a proxy under a sub-path; '' normally. */
  readonly basePath: string;
  readonly token: string | undefined;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  readonly deadlineMs: number;
  readonly pageSize: number;
  readonly pageConcurrency: number;
  readonly refreshIntervalMs: number;
  readonly maxResponseBytes: number;
  readonly logger: PlexLogger;
  readonly random: RandomSource;
  readonly clientIdentifier: string;
  readonly onAttempt: AttemptListener | undefined;
  readonly tls: TlsSettings;
}

const DEFAULTS = {
  connectTimeoutMs: 5000,
  readTimeoutMs: 30_000,
  deadlineMs: 300_000,
  pageSize: 500,
  pageConcurrency: 4,
  refreshIntervalMs: 10_000,
  maxResponseBytes: 128 * 1024 * 1024,
} as const;

const KNOWN_OPTIONS = [
  'connectTimeoutMs',
  'readTimeoutMs',
  'deadlineMs',
  'pageSize',
  'pageConcurrency',
  'refreshIntervalMs',
  'maxResponseBytes',
  'logger',
  'random',
  'clientIdentifier',
  'onAttempt',
  'ca',
  'servername',
  'rejectUnauthorized',
] as const satisfies readonly (keyof PlexClientOptions)[];

/** Fails to compile when an option is added to PlexClientOptions but not to KNOWN_OPTIONS. */
const everyOptionKnown: Exclude<keyof PlexClientOptions, (typeof KNOWN_OPTIONS)[number]> extends never ? true : never =
  true;
void everyOptionKnown;

/** Node's timers cannot wait longer than this; a longer value would silently become 1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

/** A number of milliseconds, positive (with `zero`, 0 too), at most the longest a Node timer can wait. */
function milliseconds(options: Record<string, unknown>, name: string, fallback: number, zero = false): number {
  const value = options[name];
  if (value === undefined) return fallback;
  const tooSmall = typeof value === 'number' && (value < 0 || (value === 0 && !zero));
  if (typeof value !== 'number' || !Number.isFinite(value) || tooSmall || value > MAX_TIMER_MS) {
    const range = zero
      ? `a finite number of milliseconds from 0 to ${MAX_TIMER_MS}`
      : `a positive finite number of milliseconds (at most ${MAX_TIMER_MS})`;
    throw new PlexConfigError(name, `must be ${range}, got ${String(value)}`);
  }
  return value;
}

function positiveInt(options: Record<string, unknown>, name: string, fallback: number, max: number): number {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new PlexConfigError(name, `must be an integer from 1 to ${max}, got ${String(value)}`);
  }
  return value;
}

function parseUrl(url: unknown): URL {
  if (typeof url !== 'string' && !(url instanceof URL)) {
    throw new PlexConfigError('url', `must be a string such as "http://127.0.0.1:32400", got ${typeof url}`);
  }
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    throw new PlexConfigError(
      'url',
      `must be an absolute http(s) URL such as "http://127.0.0.1:32400", got "${redactUrl(String(url))}"`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new PlexConfigError('url', `must use http: or https:, got "${parsed.protocol}"`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new PlexConfigError(
      'url',
      'must not carry a user name or password; Plex authenticates with the token argument',
    );
  }
  if (parsed.hash !== '') throw new PlexConfigError('url', 'must not have a #fragment');
  return parsed;
}

/** The token given as argument, or else one found in the URL's X-Plex-Token query. */
function resolveToken(token: unknown, url: URL): string | undefined {
  const fromUrl = url.searchParams.get('X-Plex-Token') ?? undefined;
  url.searchParams.delete('X-Plex-Token');
  if ([...url.searchParams.keys()].length > 0) {
    throw new PlexConfigError(
      'url',
      `must not have query parameters other than X-Plex-Token, got "${redactUrl(url.search)}"`,
    );
  }
  if (token !== undefined && (typeof token !== 'string' || token === '' || /[\s\0-\x1f\x7f]/.test(token))) {
    throw new PlexConfigError(
      'token',
      'must be omitted (unclaimed local server) or a non-empty string without whitespace or control characters',
    );
  }
  if (fromUrl !== undefined && token !== undefined && fromUrl !== token) {
    throw new PlexConfigError(
      'url',
      'carries an X-Plex-Token query parameter that differs from the token argument; give the token once',
    );
  }
  if (fromUrl === '') throw new PlexConfigError('url', 'has an empty X-Plex-Token query parameter');
  const resolved = token ?? fromUrl;
  if (resolved !== undefined && resolved.length < MIN_TOKEN_LENGTH) {
    throw new PlexConfigError(
      'token',
      `must be at least ${MIN_TOKEN_LENGTH} characters (Plex's are 20), got ${resolved.length}: the token is removed from everything the client prints wherever it occurs, and one that short would eat ordinary words`,
    );
  }
  return resolved;
}

function defaultClientIdentifier(): string {
  return `plexmatch-${createHash('sha256').update(hostname()).digest('hex').slice(0, 16)}`;
}

/** Validates the constructor's arguments; every error names the argument at fault. */
export function resolveClientConfig(url: unknown, token: unknown, rawOptions: unknown): ClientConfig {
  if (
    rawOptions !== undefined &&
    (typeof rawOptions !== 'object' || rawOptions === null || Array.isArray(rawOptions))
  ) {
    throw new PlexConfigError('options', 'must be an object');
  }
  const options = (rawOptions ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(options).filter((name) => !(KNOWN_OPTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new PlexConfigError(unknown[0] as string, `is not an option; known options are ${KNOWN_OPTIONS.join(', ')}`);
  }
  const parsed = parseUrl(url);
  const resolvedToken = resolveToken(token, parsed);
  const logger = options.logger ?? silentLogger;
  if (typeof logger !== 'object' || logger === null || typeof (logger as PlexLogger).warn !== 'function') {
    throw new PlexConfigError('logger', 'must be an object with a warn(message) method, such as console');
  }
  const random = options.random ?? Math.random;
  if (typeof random !== 'function')
    throw new PlexConfigError('random', 'must be a function returning a number in [0, 1]');
  const clientIdentifier = options.clientIdentifier ?? defaultClientIdentifier();
  if (typeof clientIdentifier !== 'string' || clientIdentifier === '' || /[\0-\x1f\x7f]/.test(clientIdentifier)) {
    throw new PlexConfigError('clientIdentifier', 'must be a non-empty string without control characters');
  }
  const onAttempt = options.onAttempt;
  if (onAttempt !== undefined && typeof onAttempt !== 'function') {
    throw new PlexConfigError('onAttempt', 'must be a function receiving an AttemptEvent');
  }
  return {
    origin: parsed.origin,
    basePath: parsed.pathname.replace(/\/+$/, ''),
    token: resolvedToken,
    connectTimeoutMs: milliseconds(options, 'connectTimeoutMs', DEFAULTS.connectTimeoutMs),
    readTimeoutMs: milliseconds(options, 'readTimeoutMs', DEFAULTS.readTimeoutMs),
    deadlineMs: milliseconds(options, 'deadlineMs', DEFAULTS.deadlineMs),
    pageSize: positiveInt(options, 'pageSize', DEFAULTS.pageSize, 100_000),
    pageConcurrency: positiveInt(options, 'pageConcurrency', DEFAULTS.pageConcurrency, 32),
    refreshIntervalMs: milliseconds(options, 'refreshIntervalMs', DEFAULTS.refreshIntervalMs, true),
    maxResponseBytes: positiveInt(options, 'maxResponseBytes', DEFAULTS.maxResponseBytes, Number.MAX_SAFE_INTEGER),
    logger: logger as PlexLogger,
    random: random as RandomSource,
    clientIdentifier,
    onAttempt: onAttempt as AttemptListener | undefined,
    tls: tlsSettings(options),
  };
}
