import { answerRequest, type Responder } from '../server/answerRequest.js';
import { wireBytes } from '../server/response.js';
import { loadNock } from './loadNock.js';

/**
 * The origin nock mode answers for by default: a loopback address, so that
 * a request nock somehow let through still never leaves the machine (no
 * name lookup either).
 */
export const NOCK_ORIGIN = 'http://127.0.0.254:32400';

/** Undoes the interception. */
export interface NockInterception {
  readonly origin: string;
  /** Paths (with query) of the requests answered so far, in order. */
  readonly requests: readonly string[];
  stop(): Promise<void>;
}

let active = 0;

/** The origin nock is to answer for: scheme, host and port, nothing else. */
function originOf(origin: unknown): string {
  const url = typeof origin === 'string' && URL.canParse(origin) ? new URL(origin) : undefined;
  if (url === undefined || !/^https?:$/.test(url.protocol) || `${url.origin}/` !== url.href.replace(/\/?$/, '/'))
    throw new TypeError(
      `interceptWithNock: origin must be an http(s) origin (scheme, host, port) such as ${NOCK_ORIGIN}, or undefined for that one; got ${JSON.stringify(origin)}`,
    );
  return url.origin;
}

/**
 * In-process mode: answers GET requests to `origin` exactly as the replay
 * server would (same responder, same token check), through nock, so unit
 * tests need no sockets. nock 15 intercepts at the socket layer, so it
 * catches undici and every other client. No socket faults here: those need
 * the real server. nock is imported only when this is called, because
 * importing it switches interception on for the whole process.
 * `origin` undefined is NOCK_ORIGIN; one that is not an http(s) origin is a
 * TypeError saying so, not a failure inside nock.
 */
export async function interceptWithNock(
  origin: string = NOCK_ORIGIN,
  respond: Responder,
  token?: string,
): Promise<NockInterception> {
  const base = originOf(origin);
  const { default: nock } = await loadNock();
  if (!nock.isActive()) nock.activate(); // the last stop() restored the real network
  active += 1;
  const requests: string[] = [];
  // nock 15 calls a reply function with the request as a fetch Request.
  const reply = (request: Request) => {
    const url = new URL(request.url);
    requests.push(`${url.pathname}${url.search}`);
    const headers = Object.fromEntries(request.headers);
    const response = answerRequest(
      { method: 'GET', path: url.pathname, query: url.searchParams, headers },
      respond,
      token,
    );
    return [response.status, wireBytes(response), { ...response.headers }];
  };
  const interceptor = nock(base)
    .persist()
    .get(() => true)
    .query(true);
  interceptor.reply(reply as never);
  let stopped = false;
  return {
    origin: base,
    requests,
    async stop() {
      if (stopped) return;
      stopped = true;
      nock.removeInterceptor(interceptor);
      active -= 1;
      // Interceptions of other origins may still run (scenarios in parallel); the last one restores the network.
      if (active === 0) nock.restore();
    },
  };
}
