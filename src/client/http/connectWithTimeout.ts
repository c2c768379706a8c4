import type { Socket } from 'node:net';
import { buildConnector } from 'undici';
import { LimitError } from '../errors/errors.js';
import type { TlsSettings } from '../tlsOptions.js';

/**
 * An undici connector whose connect timeout is a native timer.
 *
 * undici's own connect timeout runs on its coarse "fast timers" (ticks of
 * ~0.5 s), so a 1000 ms limit fires anywhere in 1.0–1.5 s. We disable it and
 * fail the connect from a setTimeout instead, which fires within a few ms.
 * Name lookup happens inside the connect, so the limit bounds DNS too.
 */
export function connectWithTimeout(timeoutMs: number, tls: TlsSettings): buildConnector.connector {
  const connect = buildConnector({
    timeout: 0,
    allowH2: false,
    rejectUnauthorized: tls.rejectUnauthorized,
    ...(tls.ca === undefined ? {} : { ca: [...tls.ca] }),
    ...(tls.servername === undefined ? {} : { servername: tls.servername }),
  });
  return (options, callback) => {
    let settled = false;
    // buildConnector returns the socket it is connecting (its types say void).
    // The name to verify: ours when given, over the one undici takes from the URL's host.
    const target = tls.servername === undefined ? options : { ...options, servername: tls.servername };
    const pending = connect(target, (error, socket) => {
      clearTimeout(timer);
      if (settled) {
        socket?.destroy();
        return;
      }
      settled = true;
      if (error) callback(error, null);
      else callback(null, socket as Socket);
    }) as unknown as Socket | undefined;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      pending?.destroy();
      callback(new LimitError('CONNECT_TIMEOUT', timeoutMs), null);
    }, timeoutMs);
  };
}
