import { type AddressInfo, createServer } from 'node:net';
import { describe, expect, it, type TestContext } from 'vitest';
import { errorForFailure } from '../../src/client/errors/errorForFailure.js';
import { AttemptFailure } from '../../src/client/errors/errors.js';
import { type FailureCode, failureDescription } from '../../src/client/http/failureCode.js';
import { PlexError, PlexPermanentError, PlexTemporaryError } from '../../src/index.js';
import { captureLogger } from '../support/recorders.js';
import { plexClient } from '../support/servers.js';

// docs/client.md, "Errors": whatever a peer answers, the error is a PlexTemporaryError or a
// PlexPermanentError with a named code, never code UNKNOWN nor the bare PlexError (which is for a
// closed client only). The replay server's faults are swept with their expected classes in
// test/harness/faults.test.ts; these are the peers it cannot be: not HTTP, or HTTP/1.1 broken.

/** A loopback peer that answers the first bytes of any request with `answer` and closes. */
async function peer(ctx: TestContext, answer: string | Buffer): Promise<string> {
  const server = createServer((socket) => {
    socket.on('error', () => {}); // the client may reset: that is not this test's failure
    socket.once('data', () => socket.end(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ctx.onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const ok = (head: string, body = '') => `HTTP/1.1 200 OK\r\n${head}\r\n${body}`;

describe.concurrent.each<[string, string | Buffer, string, typeof PlexTemporaryError | typeof PlexPermanentError]>([
  [
    '101 Switching Protocols to a plain GET',
    'HTTP/1.1 101 Switching Protocols\r\n\r\n',
    'BAD_HTTP',
    PlexPermanentError,
  ],
  [
    '101 with Upgrade: websocket',
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
    'BAD_HTTP',
    PlexPermanentError,
  ],
  ['an unasked 100 Continue, then nothing', 'HTTP/1.1 100 Continue\r\n\r\n', 'BAD_HTTP', PlexPermanentError],
  ['a status below 100', 'HTTP/1.1 099 Odd\r\nContent-Length: 0\r\n\r\n', 'BAD_HTTP', PlexPermanentError],
  ['an SSH server', 'SSH-2.0-OpenSSH_9.6\r\n', 'BAD_HTTP', PlexPermanentError],
  ['a TLS server (an https port)', Buffer.from('15030100020228', 'hex'), 'BAD_HTTP', PlexPermanentError],
  ['an HTTP/2-only server', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'BAD_HTTP', PlexPermanentError],
  ['a body without a status line (HTTP/0.9)', '<MediaContainer size="0"/>', 'BAD_HTTP', PlexPermanentError],
  ['HTTP/9.9', 'HTTP/9.9 200 OK\r\nContent-Length: 0\r\n\r\n', 'BAD_HTTP', PlexPermanentError],
  ['line ends without CR', 'HTTP/1.1 200 OK\nContent-Length: 0\n\n', 'BAD_HTTP', PlexPermanentError],
  ['a NUL in a header value', ok('X-A: a\0b\r\nContent-Length: 0\r\n'), 'BAD_HTTP', PlexPermanentError],
  ['a space in a header name', ok('X A: b\r\nContent-Length: 0\r\n'), 'BAD_HTTP', PlexPermanentError],
  ['Content-Length: abc', ok('Content-Length: abc\r\n'), 'BAD_HTTP', PlexPermanentError],
  ['a chunk size that is no number', ok('Transfer-Encoding: chunked\r\n', 'zz\r\n'), 'BAD_HTTP', PlexPermanentError],
  ['headers too large to read', ok(`X-Padding: ${'a'.repeat(100_000)}\r\n`), 'BAD_HTTP', PlexPermanentError],
  // undici reports a duplicate Content-Length as a body shorter than declared.
  [
    'two different Content-Lengths',
    ok('Content-Length: 2\r\nContent-Length: 3\r\n', 'ok'),
    'BODY_TRUNCATED',
    PlexTemporaryError,
  ],
  ['a chunked body cut short', ok('Transfer-Encoding: chunked\r\n', '5\r\nab'), 'SOCKET_CLOSED', PlexTemporaryError],
  ['nothing at all', '', 'SOCKET_CLOSED', PlexTemporaryError],
])('a peer that sends %s', (_name, answer, code, expected) => {
  it(`is a ${expected.name} with code ${code}`, async (ctx) => {
    const url = await peer(ctx, answer);
    const client = plexClient(ctx, url, undefined, { logger: captureLogger() });
    const error = await client.getServer().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(expected);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).not.toMatch(/false == true|UNKNOWN/);
  });
});

describe('the error for each failure code', () => {
  it('is a PlexTemporaryError or PlexPermanentError, except for a closed client or an internal cancel', () => {
    const unclassified = (Object.keys(failureDescription) as FailureCode[]).filter((code) => {
      const cause = Object.assign(new Error('x'), { code });
      const failure = Object.assign(new AttemptFailure(cause, 'GET', 'http://127.0.0.1:1/'), { code });
      const error = errorForFailure(failure, 1);
      expect(error).toBeInstanceOf(PlexError);
      return !(error instanceof PlexTemporaryError || error instanceof PlexPermanentError);
    });
    // ABORTED is the scan cancelling its other pages after one failed: never what a caller is given.
    expect(unclassified.sort()).toEqual(['ABORTED', 'CLIENT_CLOSED']);
  });
});
