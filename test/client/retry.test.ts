import { describe, expect, it } from 'vitest';
import { refusedPort } from '../../src/harness/faults/refusedPort.js';
import { xmlResponse } from '../../src/harness/server/response.js';
import { lateBound } from '../../src/harness/timing/loopLateness.js';
import { PlexServerDown, PlexTemporaryError } from '../../src/index.js';
import { SECTIONS, SERVER_ROOT } from '../support/plexXml.js';
import { captureAttempts, captureLogger, timed, waitsBetween } from '../support/recorders.js';
import { expectNoToken, TEST_TOKEN } from '../support/secrets.js';
import { plexClient, replayServer } from '../support/servers.js';

// docs/client.md, "Retry": retry on real loopback sockets. Lower bounds are the spec's, exactly;
// an upper bound allows SLACK_MS for the reconnect on an idle machine plus what the event loop was
// measured late by during the test (docs/scenarios.md, "Time bounds on a busy machine").
const SLACK_MS = 50;

describe.concurrent('retry of connection-class failures', () => {
  it('survives two resets: 3 attempts, waits in [100,200] and [200,300] ms', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: () => xmlResponse(SERVER_ROOT),
      faults: [{ path: '/', times: 2, fault: { kind: 'reset' } }],
      token: TEST_TOKEN,
    });
    const logger = captureLogger();
    const attempts = captureAttempts();
    const client = plexClient(ctx, server.url, TEST_TOKEN, { logger, onAttempt: attempts.onAttempt });

    const result = await timed(() => client.getServer());

    expect(result.error).toBeUndefined();
    expect(result.value?.machineIdentifier).toBe('0123456789abcdef0123456789abcdef01234567');
    // Client side: three attempts, two failed by reset, then the answer.
    expect(attempts.events.map((e) => e.outcome)).toEqual(['ECONNRESET', 'ECONNRESET', 'response']);
    const [first, second] = waitsBetween(attempts.events) as [number, number];
    const upTo = (bound: number) => lateBound(bound + SLACK_MS, result.lateness);
    expect(first).toBeGreaterThanOrEqual(100 - 1);
    expect(first).toBeLessThanOrEqual(upTo(200));
    expect(second).toBeGreaterThanOrEqual(200 - 1);
    expect(second).toBeLessThanOrEqual(upTo(300));
    // Server side: the same three requests, the same gaps (plus a reconnect).
    expect(server.log.map((e) => e.fault ?? e.status)).toEqual(['reset', 'reset', 200]);
    const [a, b, c] = server.log.map((e) => e.at) as [number, number, number];
    expect(b - a).toBeGreaterThanOrEqual(100);
    expect(b - a).toBeLessThanOrEqual(upTo(200));
    expect(c - b).toBeGreaterThanOrEqual(200);
    expect(c - b).toBeLessThanOrEqual(upTo(300));
    // One warning before each wait, naming attempt, wait, code and URL.
    expect(logger.lines).toHaveLength(2);
    expect(logger.lines[0]).toMatch(
      /GET http:\/\/127\.0\.0\.1:\d+\/ attempt 1\/3 failed: .*\(ECONNRESET\); retrying in \d+ ms/,
    );
    expect(logger.lines[1]).toMatch(/attempt 2\/3 failed: .*\(ECONNRESET\); retrying in \d+ ms/);
    expectNoToken([result.value, ...logger.lines]);
  });

  it('gives up after exactly 3 attempts when every attempt is reset, in under 1 s', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: () => xmlResponse(SERVER_ROOT),
      faults: [{ fault: { kind: 'reset' } }],
      token: TEST_TOKEN,
    });
    const logger = captureLogger();
    const client = plexClient(ctx, server.url, TEST_TOKEN, { logger });

    const result = await timed(() => client.getServer());

    expect(result.error).toBeInstanceOf(PlexTemporaryError);
    expect(result.error).not.toBeInstanceOf(PlexServerDown);
    expect(result.error).toMatchObject({ attempts: 3, code: 'ECONNRESET' });
    expect(server.log).toHaveLength(3);
    expect(result.ms).toBeLessThan(lateBound(1000, result.lateness));
    expect(logger.lines).toHaveLength(2);
    expectNoToken([result.error, ...logger.lines]);
  });

  it('retries a refused connection and then reports the server as down', async (ctx) => {
    const port = await refusedPort();
    const logger = captureLogger();
    const attempts = captureAttempts();
    const client = plexClient(ctx, `http://127.0.0.1:${port}`, TEST_TOKEN, { logger, onAttempt: attempts.onAttempt });

    const result = await timed(() => client.getServer());

    expect(result.error).toBeInstanceOf(PlexServerDown);
    expect(result.error).toMatchObject({ attempts: 3, code: 'ECONNREFUSED' });
    expect(attempts.events.map((e) => e.outcome)).toEqual(['ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED']);
    expect(result.ms).toBeLessThan(lateBound(1000, result.lateness));
    expectNoToken([result.error, ...logger.lines]);
  });

  it('retries a close before any response byte, and a truncated body', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: () => xmlResponse(SERVER_ROOT),
      faults: [
        { path: '/', attempts: [1], fault: { kind: 'close' } },
        { path: '/', attempts: [2, 3], fault: { kind: 'truncate' } },
      ],
    });
    const client = plexClient(ctx, server.url);
    await expect(client.getServer()).rejects.toMatchObject({ code: 'SOCKET_CLOSED', attempts: 3 });
    expect(server.log.map((e) => e.fault)).toEqual(['close', 'truncate', 'truncate']);
  });

  it('uses the injected random source for the waits', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: () => xmlResponse(SERVER_ROOT),
      faults: [{ times: 2, fault: { kind: 'reset' } }],
    });
    const logger = captureLogger();
    const client = plexClient(ctx, server.url, undefined, { logger, random: () => 1 });
    await client.getServer();
    // random() = 1 makes the waits 100·2⁰+100 = 200 and 100·2¹+100 = 300.
    expect(logger.lines[0]).toContain('retrying in 200 ms');
    expect(logger.lines[1]).toContain('retrying in 300 ms');
  });

  it('retries every request, not only the first connection', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: ({ path }) => xmlResponse(path === '/' ? SERVER_ROOT : SECTIONS),
    });
    const attempts = captureAttempts();
    const client = plexClient(ctx, server.url, undefined, { onAttempt: attempts.onAttempt });
    await client.getServer();
    server.setFaults([{ path: '/library/sections', times: 2, fault: { kind: 'reset' } }]);
    expect((await client.libraries()).map((library) => library.title)).toEqual(['Movies', 'TV Shows', 'Empty']);
    expect(attempts.events.filter((e) => e.url.endsWith('/library/sections')).map((e) => e.outcome)).toEqual([
      'ECONNRESET',
      'ECONNRESET',
      'response',
    ]);
  });
});
