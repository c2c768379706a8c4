import { describe, expect, it } from 'vitest';
import type { Fault } from '../../src/harness/faults/fault.js';
import { xmlResponse } from '../../src/harness/server/response.js';
import {
  type PlexError,
  PlexNotFound,
  PlexPermanentError,
  PlexServerDown,
  PlexTemporaryError,
  PlexTimeout,
} from '../../src/index.js';
import { SERVER_ROOT } from '../support/plexXml.js';
import { captureAttempts, captureLogger } from '../support/recorders.js';
import { expectNoToken, TEST_TOKEN } from '../support/secrets.js';
import { plexClient, replayServer } from '../support/servers.js';

// docs/client.md, "Retry" and "Errors": an HTTP answer is final (one attempt), and classified.
type ErrorClass = abstract new (...args: never[]) => PlexError;

describe.concurrent.each<[string, Fault, ErrorClass, ErrorClass[], string]>([
  [
    '503',
    { kind: 'status', status: 503 },
    PlexTemporaryError,
    [PlexPermanentError, PlexServerDown, PlexTimeout],
    'HTTP_503',
  ],
  ['500', { kind: 'status', status: 500 }, PlexTemporaryError, [PlexPermanentError], 'HTTP_500'],
  ['502', { kind: 'status', status: 502 }, PlexTemporaryError, [PlexPermanentError], 'HTTP_502'],
  ['504', { kind: 'status', status: 504 }, PlexTemporaryError, [PlexPermanentError], 'HTTP_504'],
  ['429', { kind: 'status', status: 429, retryAfter: '7' }, PlexTemporaryError, [PlexPermanentError], 'HTTP_429'],
  ['401', { kind: 'status', status: 401 }, PlexPermanentError, [PlexTemporaryError, PlexNotFound], 'HTTP_401'],
  ['403', { kind: 'status', status: 403 }, PlexPermanentError, [PlexTemporaryError, PlexNotFound], 'HTTP_403'],
  ['400', { kind: 'status', status: 400 }, PlexPermanentError, [PlexTemporaryError, PlexNotFound], 'HTTP_400'],
  ['404', { kind: 'status', status: 404 }, PlexNotFound, [PlexTemporaryError], 'HTTP_404'],
  [
    '200 with broken XML',
    { kind: 'malformed-xml' },
    PlexPermanentError,
    [PlexTemporaryError, PlexNotFound],
    'XML_MALFORMED',
  ],
  ['200 with an HTML page', { kind: 'wrong-content-type' }, PlexPermanentError, [PlexTemporaryError], 'XML_MALFORMED'],
])('an answer of %s', (_name, fault, expected, notExpected, code) => {
  it(`is one attempt and a ${expected.name} with code ${code}`, async (ctx) => {
    const server = await replayServer(ctx, {
      respond: () => xmlResponse(SERVER_ROOT),
      faults: [{ fault }],
      token: TEST_TOKEN,
    });
    const logger = captureLogger();
    const attempts = captureAttempts();
    const client = plexClient(ctx, server.url, TEST_TOKEN, { logger, onAttempt: attempts.onAttempt });

    const error = await client.getServer().then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(expected);
    for (const other of notExpected) expect(error).not.toBeInstanceOf(other);
    expect(error).toMatchObject({ code, attempts: 1, url: `${server.url}/` });
    expect(server.log).toHaveLength(1);
    expect(attempts.events).toHaveLength(1);
    expect(logger.lines).toEqual([]);
    expectNoToken([error]);
  });
});

describe.concurrent('details of status errors', () => {
  it('carries the status, and Retry-After as ms and in the message, after one request (docs/client.md, "Retry")', async (ctx) => {
    const inAMinute = new Date(Math.ceil(Date.now() / 1000) * 1000 + 60_000).toUTCString();
    for (const [status, retryAfter, says] of [
      [429, '7', 'try again in 7 s (Retry-After)'],
      [503, '30', 'try again in 30 s (Retry-After)'],
      [503, inAMinute, /try again in (59|60|61) s \(Retry-After\)$/],
      [503, undefined, 'try again later'],
    ] as const) {
      const server = await replayServer(ctx, {
        respond: () => xmlResponse(SERVER_ROOT),
        faults: [{ fault: { kind: 'status', status, ...(retryAfter === undefined ? {} : { retryAfter }) } }],
      });
      const error = (await plexClient(ctx, server.url)
        .getServer()
        .catch((e: unknown) => e)) as PlexTemporaryError;
      expect(error).toBeInstanceOf(PlexTemporaryError);
      expect(error).toMatchObject({ status, attempts: 1 });
      if (typeof says === 'string') expect(error.message.endsWith(`: temporary, ${says}`), error.message).toBe(true);
      else expect(error.message).toMatch(says);
      if (retryAfter === '7') expect(error.retryAfterMs).toBe(7000);
      if (retryAfter === '30') expect(error.retryAfterMs).toBe(30_000);
      if (retryAfter === undefined) expect(error.retryAfterMs).toBeUndefined();
      expect(server.log).toHaveLength(1);
    }
  });

  it('answers 401 from the replay server itself when the token is wrong, and never echoes either token', async (ctx) => {
    const server = await replayServer(ctx, { respond: () => xmlResponse(SERVER_ROOT), token: TEST_TOKEN });
    const wrong = 'wrong-token-zyxwvutsrqponm';
    const error = await plexClient(ctx, server.url, wrong)
      .getServer()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlexPermanentError);
    expect(error).toMatchObject({ status: 401, attempts: 1 });
    expectNoToken([error], wrong);
    expectNoToken([error], TEST_TOKEN);
  });

  it('serializes to JSON with its fields and a cause summary, nothing more', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: () => xmlResponse(SERVER_ROOT),
      faults: [{ fault: { kind: 'reset' } }],
    });
    const error = await plexClient(ctx, `${server.url}/?X-Plex-Token=${TEST_TOKEN}`)
      .getServer()
      .catch((e: unknown) => e);
    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['attempts', 'cause', 'code', 'message', 'name', 'url']);
    expect(json).toMatchObject({ name: 'PlexTemporaryError', code: 'ECONNRESET', attempts: 3 });
    expectNoToken([error]);
  });
});
