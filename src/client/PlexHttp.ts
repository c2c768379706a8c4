import type { RetryPolicy } from 'cockatiel';
import type { Agent } from 'undici';
import { PLEXMATCH_VERSION } from '../version.js';
import type { ClientConfig } from './clientConfig.js';
import { errorForFailure } from './errors/errorForFailure.js';
import { errorForStatus } from './errors/errorForStatus.js';
import {
  AttemptFailure,
  type HttpMethod,
  LimitError,
  PlexError,
  PlexPermanentError,
  XmlFormatError,
} from './errors/errors.js';
import type { AttemptEvent } from './http/attemptEvent.js';
import { createAgent } from './http/createAgent.js';
import { getOnce, type RawResponse } from './http/getOnce.js';
import { redactError, redactText, redactUrl } from './redact.js';
import { retryPolicy } from './retry/retryPolicy.js';

/** Query parameters of a request; values are percent-encoded here, never by the caller. */
export type Query = Readonly<Record<string, string | number>>;

/** A response whose status was 2xx, with the request that got it and the number of attempts it took. */
export interface OkResponse extends RawResponse {
  readonly method: HttpMethod;
  readonly attempts: number;
  readonly url: string;
}

/** A Plex XML answer read by a reader (a tree, a listing page), and how it was obtained. */
export interface XmlResponse<T> {
  readonly value: T;
  readonly attempts: number;
  readonly url: string;
}

/** Extra request headers, and a signal that cancels the request (attempt in flight and backoff wait). */
export interface RequestOptions {
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

function encodeQuery(query: Query | undefined): string {
  if (query === undefined) return '';
  const pairs = Object.entries(query).map(
    ([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`,
  );
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

/**
 * The promises of the client in one place: every GET gets the timeouts,
 * the retry policy, token-free errors, and (for XML) strict parsing.
 */
export class PlexHttp {
  readonly config: ClientConfig;
  readonly #agent: Agent;
  readonly #policy: RetryPolicy;
  readonly #headers: Record<string, string>;
  #closed = false;

  constructor(config: ClientConfig) {
    this.config = config;
    this.#agent = createAgent(config.connectTimeoutMs, config.tls);
    if (!config.tls.rejectUnauthorized && config.origin.startsWith('https:'))
      config.logger.warn(
        `plexmatch: ${config.origin}: rejectUnauthorized is false: the connection is encrypted but the server is not authenticated; anyone on the path can read the token`,
      );
    this.#policy = retryPolicy(config.random, config.logger);
    this.#headers = {
      accept: 'application/xml',
      'x-plex-product': 'plexmatch',
      'x-plex-version': PLEXMATCH_VERSION,
      'x-plex-client-identifier': config.clientIdentifier,
      ...(config.token === undefined ? {} : { 'x-plex-token': config.token }),
    };
  }

  /** The URL for a path as it appears in errors and logs (never with the token). */
  urlFor(path: string, query?: Query): string {
    return redactUrl(`${this.config.origin}${this.config.basePath}${path}${encodeQuery(query)}`);
  }

  /** GET with retry; resolves only for 2xx, otherwise throws the PlexError for the status or failure. */
  get(path: string, query?: Query, options?: RequestOptions): Promise<OkResponse> {
    return this.#send('GET', path, query, options);
  }

  /**
   * POST, one attempt and no retry (it is not idempotent: Plex may have acted
   * on a request whose answer was lost). Only the harness's set-up of a
   * container uses it; PlexClient never changes a server.
   */
  post(path: string, query?: Query): Promise<OkResponse> {
    return this.#send('POST', path, query);
  }

  async #send(method: HttpMethod, path: string, query?: Query, options: RequestOptions = {}): Promise<OkResponse> {
    const { headers, signal } = options;
    const url = this.urlFor(path, query);
    if (this.#closed) {
      throw new PlexError(`${method} ${url} refused: the client was closed`, {
        url,
        code: 'CLIENT_CLOSED',
        attempts: 0,
      });
    }
    let attempts = 0;
    let response: RawResponse;
    // The overall deadline: aborts the attempt in flight and ends a backoff wait early.
    const deadline = new AbortController();
    const deadlineMs = this.config.deadlineMs;
    const timer = setTimeout(() => deadline.abort(new LimitError('DEADLINE', deadlineMs)), deadlineMs);
    // A caller's cancel (a scan that failed elsewhere) ends this request the same way, at once.
    const cancel = () => deadline.abort(new DOMException('cancelled by the caller', 'AbortError'));
    if (signal?.aborted) cancel();
    else signal?.addEventListener('abort', cancel, { once: true });
    const attempt = async (): Promise<RawResponse> => {
      attempts += 1;
      const startedAt = performance.now();
      try {
        const answer = await getOnce(this.#agent, {
          method,
          origin: this.config.origin,
          path: `${this.config.basePath}${path}${encodeQuery(query)}`,
          headers: { ...this.#headers, ...headers },
          readTimeoutMs: this.config.readTimeoutMs,
          maxResponseBytes: this.config.maxResponseBytes,
          signal: deadline.signal,
        });
        this.#report({
          url,
          attempt: attempts,
          startedAt,
          endedAt: performance.now(),
          outcome: 'response',
          status: answer.status,
        });
        return answer;
      } catch (error) {
        const failure = new AttemptFailure(error, method, url);
        this.#report({ url, attempt: attempts, startedAt, endedAt: performance.now(), outcome: failure.code });
        throw failure;
      }
    };
    try {
      const work = method === 'GET' ? this.#policy.execute(attempt, deadline.signal) : attempt();
      const expired = new Promise<never>((_, reject) => {
        deadline.signal.addEventListener(
          'abort',
          () => reject(new AttemptFailure(deadline.signal.reason, method, url)),
          {
            once: true,
          },
        );
      });
      work.catch(() => {}); // after the deadline, the policy's late rejection has no one to tell
      response = await Promise.race([work, expired]);
    } catch (error) {
      if (error instanceof AttemptFailure) throw this.redact(errorForFailure(error, attempts));
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
    }
    if (response.status < 200 || response.status > 299) {
      throw this.redact(errorForStatus(response, method, url, attempts));
    }
    return { ...response, method, attempts, url };
  }

  /** The error without the token anywhere in it or its causes (redactError): what the client lets out. */
  redact<E>(error: E): E {
    return redactError(error, this.config.token);
  }

  /** Tells the onAttempt listener; a listener that throws is reported, never allowed to break the request. */
  #report(event: AttemptEvent): void {
    if (this.config.onAttempt === undefined) return;
    try {
      this.config.onAttempt(event);
    } catch (error) {
      this.config.logger.warn(
        `plexmatch: the onAttempt listener threw: ${redactText(String(error), this.config.token)}`,
      );
    }
  }

  /**
   * GET a Plex XML document and read it with `read` (which throws
   * XmlFormatError for a body that is not what it reads); a body that is
   * not Plex XML is a PlexPermanentError.
   */
  async getXml<T>(
    path: string,
    read: (body: readonly Buffer[]) => T,
    query?: Query,
    options?: RequestOptions,
  ): Promise<XmlResponse<T>> {
    return this.readXml(await this.get(path, query, options), read);
  }

  /** Reads a response's body with `read`; a body that is not Plex XML is a PlexPermanentError naming the request. */
  readXml<T>(response: OkResponse, read: (body: readonly Buffer[]) => T): XmlResponse<T> {
    try {
      return { value: read(response.body), attempts: response.attempts, url: response.url };
    } catch (error) {
      if (!(error instanceof XmlFormatError)) throw error;
      const type = response.headers['content-type'];
      const typeNote = typeof type === 'string' && !/xml/i.test(type) ? ` (Content-Type: ${type})` : '';
      throw this.redact(
        new PlexPermanentError(
          `${response.method} ${response.url} returned a body that is not Plex XML${typeNote}: ${error.message}`,
          {
            url: response.url,
            code: 'XML_MALFORMED',
            attempts: response.attempts,
            status: response.status,
            cause: error,
          },
        ),
      );
    }
  }

  /** Releases every socket; requests in flight fail with code CLIENT_CLOSED, later ones at once. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#agent.destroy();
  }
}
