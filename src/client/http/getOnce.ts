import type { Dispatcher } from 'undici';
import { type HttpMethod, LimitError, type ReadPhase } from '../errors/errors.js';

export interface OnceRequest {
  readonly origin: string;
  /** GET unless said otherwise (the harness's set-up POSTs; the client itself only GETs). */
  readonly method?: HttpMethod;
  /** Path and query, already encoded. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly readTimeoutMs: number;
  readonly maxResponseBytes: number;
  /** Aborts the attempt at once (the request's overall deadline); its reason is the rejection. */
  readonly signal?: AbortSignal;
}

export interface RawResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body as it arrived, chunk by chunk: readers take it in pieces, never as one large buffer. */
  readonly body: readonly Buffer[];
}

/**
 * One GET, no retry: resolves with the whole response or rejects with the
 * raw error (undici's, Node's, or ours).
 *
 * The read timeout is enforced here with a native timer: it starts when the
 * request has been handed to a connected socket, is re-armed on the headers
 * and on every body chunk, and aborts the request on expiry. So it bounds
 * the wait for headers and every silence in the body, not the total; the
 * total is bounded by `signal`, which settles the promise at once even
 * while the connection is still being made.
 */
export function getOnce(dispatcher: Dispatcher, request: OnceRequest): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    const { readTimeoutMs, maxResponseBytes, signal } = request;
    let timer: NodeJS.Timeout | undefined;
    let phase: ReadPhase = 'headers';
    let status = 0;
    let statusText = '';
    let headers: RawResponse['headers'] = {};
    const chunks: Buffer[] = [];
    let received = 0;
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;

    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      return true;
    };
    function onAbort(): void {
      const reason = signal?.reason as Error;
      if (controller !== undefined) controller.abort(reason);
      else if (settle()) reject(reason); // still connecting: onRequestStart will abort the request
    }
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });

    const arm = (active: Dispatcher.DispatchController): void => {
      if (timer === undefined) {
        timer = setTimeout(() => active.abort(new LimitError('READ_TIMEOUT', readTimeoutMs, phase)), readTimeoutMs);
      } else {
        timer.refresh();
      }
    };

    dispatcher.dispatch(
      {
        origin: request.origin,
        path: request.path,
        method: request.method ?? 'GET',
        headers: request.headers,
        headersTimeout: 0,
        bodyTimeout: 0,
      },
      {
        onRequestStart(started) {
          controller = started;
          if (signal?.aborted) started.abort(signal.reason as Error);
          else arm(started);
        },
        onResponseStart(active, statusCode, responseHeaders, statusMessage) {
          status = statusCode;
          statusText = statusMessage ?? '';
          headers = responseHeaders;
          phase = 'body';
          arm(active);
          const declared = Number(responseHeaders['content-length']);
          if (Number.isFinite(declared) && declared > maxResponseBytes) {
            active.abort(new LimitError('BODY_TOO_LARGE', maxResponseBytes));
          }
        },
        onResponseData(active, chunk) {
          received += chunk.length;
          if (received > maxResponseBytes) {
            active.abort(new LimitError('BODY_TOO_LARGE', maxResponseBytes));
            return;
          }
          chunks.push(chunk);
          arm(active);
        },
        onResponseEnd() {
          if (settle()) resolve({ status, statusText, headers, body: chunks });
        },
        onResponseError(_active, error) {
          chunks.length = 0;
          if (settle()) reject(error);
        },
      },
    );
  });
}
