import type { AddressInfo } from 'node:net';
import { createServer as createNetServer, type Socket } from 'node:net';
import { describe, expect, it, type TestContext } from 'vitest';
import { serveFixtures } from '../../src/harness/serveFixtures.js';
import { PlexClient, PlexConfigError, PlexPermanentError } from '../../src/index.js';
import { captureLogger } from '../support/recorders.js';
import { runMain } from '../support/runMain.js';
import { TEST_TOKEN } from '../support/secrets.js';

// docs/client.md, "Secure connections": the stand-in speaks https with a certificate made at start
// (serve --tls), and every way a Plex server's https goes wrong is one classified line.
const SINTEL = '/data/Movies/Sintel (2010)/Sintel (2010).mkv';
const MATCH = ['match', '--library', 'Movies', SINTEL];

async function tlsPlex(ctx: TestContext) {
  const served = await serveFixtures({ fixture: 'linux-docker', tls: true, token: TEST_TOKEN });
  ctx.onTestFinished(() => served.server.close());
  return { url: served.server.url, ca: served.certificateFile as string, server: served.server };
}

/** A plain TCP listener that keeps every byte it receives: what a failed handshake let through. */
async function byteRecorder(ctx: TestContext, onConnection: (socket: Socket) => void = () => {}) {
  const received: Buffer[] = [];
  const server = createNetServer((socket) => {
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', () => {});
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ctx.onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.address() as AddressInfo).port, received };
}

describe.concurrent('https to the stand-in (serve --tls)', () => {
  it('with --ca the printed certificate, match works; the URL is https', async (ctx) => {
    const plex = await tlsPlex(ctx);
    expect(plex.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const run = await runMain([...MATCH, '--url', plex.url, '--token', TEST_TOKEN, '--ca', plex.ca]);
    expect(run.code, run.stderr.join('\n')).toBe(0);
    expect(run.stdout[0]).toMatch(/^matched \(exact\): 101 /);
    expect(run.stderr).toEqual([]);
  });

  it('without --ca: TLS_CERT_UNTRUSTED in one line, exit 5; the token never reached the server', async (ctx) => {
    const plex = await tlsPlex(ctx);
    const run = await runMain([...MATCH, '--url', plex.url, '--token', TEST_TOKEN]);
    expect(run.code).toBe(5);
    expect(run.stderr).toEqual([
      expect.stringMatching(
        /^plexmatch: GET https:.* failed after 1 attempt: the server's certificate is not trusted .*pass it with --ca FILE.*\(TLS_CERT_UNTRUSTED\)$/,
      ),
    ]);
    expect(plex.server.log).toEqual([]); // no request was decrypted: the handshake failed first
  });

  it('with --insecure: works, with one warning', async (ctx) => {
    const plex = await tlsPlex(ctx);
    const run = await runMain([...MATCH, '--url', plex.url, '--token', TEST_TOKEN, '--insecure']);
    expect(run.code, run.stderr.join('\n')).toBe(0);
    expect(run.stderr).toEqual([
      expect.stringMatching(/^plexmatch: --insecure: .*anyone on the path can read the token$/),
    ]);
  });

  it('with --tls-servername of another name: TLS_CERT_NAME, naming both names', async (ctx) => {
    const plex = await tlsPlex(ctx);
    const run = await runMain([...MATCH, '--url', plex.url, '--ca', plex.ca, '--tls-servername', 'other.example']);
    expect(run.code).toBe(5);
    expect(run.stderr).toEqual([
      expect.stringMatching(
        /\(TLS_CERT_NAME\): .*other\.example.*is not in the cert's altnames: .*IP Address:127\.0\.0\.1/,
      ),
    ]);
  });

  it('http to the TLS server: a classified error, not UNKNOWN', async (ctx) => {
    const plex = await tlsPlex(ctx);
    const client = new PlexClient(plex.url.replace('https:', 'http:'), TEST_TOKEN, { readTimeoutMs: 500 });
    ctx.onTestFinished(() => client.close());
    const error = await client.getServer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as { code: string }).code).not.toBe('UNKNOWN');
  });
});

describe.concurrent('https to a server that does not speak it', () => {
  it('TLS_NOT_TLS in one line, not retried; only a ClientHello was sent, never the token', async (ctx) => {
    const plain = await byteRecorder(ctx, (socket) =>
      socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')),
    );
    const run = await runMain([...MATCH, '--url', `https://127.0.0.1:${plain.port}`, '--token', TEST_TOKEN]);
    expect(run.code).toBe(5);
    expect(run.stderr).toEqual([
      `plexmatch: GET https://127.0.0.1:${plain.port}/library/sections failed after 1 attempt: the server does not speak https on this port; use an http:// URL (TLS_NOT_TLS)`,
    ]);
    const bytes = Buffer.concat(plain.received);
    expect(bytes[0]).toBe(0x16); // a TLS handshake record
    expect(bytes.includes(TEST_TOKEN)).toBe(false);
  });
});

describe('the client options', () => {
  it('ca must be PEM; rejectUnauthorized false warns once per client, however many requests', async (ctx) => {
    expect(() => new PlexClient('https://127.0.0.1:1', TEST_TOKEN, { ca: 'not a certificate' })).toThrow(
      PlexConfigError,
    );
    const plex = await tlsPlex(ctx);
    const logger = captureLogger();
    const client = new PlexClient(plex.url, TEST_TOKEN, { rejectUnauthorized: false, logger });
    ctx.onTestFinished(() => client.close());
    await client.getServer();
    await client.getServer();
    expect(logger.lines.filter((line) => line.includes('not authenticated'))).toHaveLength(1);
    const strict = new PlexClient(plex.url, TEST_TOKEN);
    ctx.onTestFinished(() => strict.close());
    const error = await strict.getServer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlexPermanentError);
    expect((error as { code: string; attempts: number }).code).toBe('TLS_CERT_UNTRUSTED');
    expect((error as { attempts: number }).attempts).toBe(1);
  });
});
