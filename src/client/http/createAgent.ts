import { Agent } from 'undici';
import type { TlsSettings } from '../tlsOptions.js';
import { connectWithTimeout } from './connectWithTimeout.js';

/**
 * The connection pool a PlexClient owns. undici's headers/body timers are
 * switched off because getOnce enforces the read timeout with precise
 * timers of its own; the connect timeout is the precise connector's.
 */
export function createAgent(connectTimeoutMs: number, tls: TlsSettings): Agent {
  return new Agent({
    connect: connectWithTimeout(connectTimeoutMs, tls),
    headersTimeout: 0,
    bodyTimeout: 0,
    allowH2: false,
  });
}
