import type { Dispatcher } from 'undici';
import { BodyTooLargeError, type ReadPhase, ReadTimeoutError } from './timeoutErrors.js';

export interface OnceRequest {
  readonly origin: string;
  /** Path and query, already encoded. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly readTimeoutMs: number;
  readonly maxResponseBytes: number;
}

export interface RawResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/**
 * One GET, no retry: resolves with the whole response or rejects with the
 * raw error (undici's, Node's, or ours).
 *
 * The read timeout is enforced here with a native timer: it starts when the
 * request has been handed to a connected socket, is re-armed on the headers
 * and on every body chunk, and aborts the request on expiry. So it bounds
 * the wait for headers and every silence in the body, not the total.
 */
export function getOnce(dispatcher: Dispatcher, request: OnceRequest): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    const { readTimeoutMs, maxResponseBytes } = request;
    let timer: NodeJS.Timeout | undefined;
    let phase: ReadPhase = 'headers';
    let status = 0;
    let statusText = '';
    let headers: RawResponse['headers'] = {};
    const chunks: Buffer[] = [];
    let received = 0;

    const arm = (controller: Dispatcher.DispatchController): void => {
      if (timer === undefined) {
        timer = setTimeout(() => controller.abort(new ReadTimeoutError(readTimeoutMs, phase)), readTimeoutMs);
      } else {
        timer.refresh();
      }
    };
    const disarm = (): void => clearTimeout(timer);

    dispatcher.dispatch(
      {
        origin: request.origin,
        path: request.path,
        method: 'GET',
        headers: request.headers,
        headersTimeout: 0,
        bodyTimeout: 0,
      },
      {
        onRequestStart(controller) {
          arm(controller);
        },
        onResponseStart(controller, statusCode, responseHeaders, statusMessage) {
          status = statusCode;
          statusText = statusMessage ?? '';
          headers = responseHeaders;
          phase = 'body';
          arm(controller);
          const declared = Number(responseHeaders['content-length']);
          if (Number.isFinite(declared) && declared > maxResponseBytes) {
            controller.abort(new BodyTooLargeError(maxResponseBytes));
          }
        },
        onResponseData(controller, chunk) {
          received += chunk.length;
          if (received > maxResponseBytes) {
            controller.abort(new BodyTooLargeError(maxResponseBytes));
            return;
          }
          chunks.push(chunk);
          arm(controller);
        },
        onResponseEnd() {
          disarm();
          resolve({ status, statusText, headers, body: Buffer.concat(chunks, received) });
        },
        onResponseError(_controller, error) {
          disarm();
          chunks.length = 0;
          reject(error);
        },
      },
    );
  });
}
