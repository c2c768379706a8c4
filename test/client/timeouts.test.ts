import { describe, expect, it } from 'vitest';
import type { Fault } from '../../src/harness/faults/fault.js';
import { xmlResponse } from '../../src/harness/server/response.js';
import { type LoopLateness, lateBound } from '../../src/harness/timing/loopLateness.js';
import { PlexTimeout } from '../../src/index.js';
import { SERVER_ROOT } from '../support/plexXml.js';
import { captureAttempts, captureLogger, timed } from '../support/recorders.js';
import { expectNoToken, TEST_TOKEN } from '../support/secrets.js';
import { blackholeListener, plexClient, replayServer } from '../support/servers.js';

// docs/client.md, "Timeouts": both timeouts on real sockets. A timeout never fires early (exact lower
// bounds); upper bounds allow what the event loop was measured late by during the test
// (docs/scenarios.md, "Time bounds on a busy machine"). How precise the timers are on an idle
// machine is measured by `npm run bench -- timeout-precision`, not here.
// The body must be long enough that "half of it" is a real mid-body stall.
const BIG_ROOT = SERVER_ROOT.replace(
  '</MediaContainer>',
  `${'<Directory key="k" title="padding"/>'.repeat(400)}</MediaContainer>`,
);

/** Each attempt must end within [1.0, 2.0] s of its own start (plus the loop's lateness). */
function expectEachAttemptTimedOut(
  events: ReturnType<typeof captureAttempts>['events'],
  code: string,
  lateness: LoopLateness,
): void {
  expect(events.map((e) => e.outcome)).toEqual([code, code, code]);
  for (const event of events) {
    const duration = event.endedAt - event.startedAt;
    expect(duration).toBeGreaterThanOrEqual(1000 - 1);
    expect(duration).toBeLessThanOrEqual(lateBound(2000, lateness));
  }
}

describe.concurrent.each<[string, Fault, 'headers' | 'body']>([
  ['never sends headers', { kind: 'stall-headers' }, 'headers'],
  ['stops after part of the headers', { kind: 'stall-partial-headers' }, 'headers'],
  ['stops in the middle of the body', { kind: 'stall-body' }, 'body'],
])('read timeout: a server that %s', (_name, fault, phase) => {
  it('fails with a temporary timeout after 3 attempts, each ending within [1.0, 2.0] s', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: () => xmlResponse(BIG_ROOT),
      faults: [{ fault }],
      token: TEST_TOKEN,
    });
    const logger = captureLogger();
    const attempts = captureAttempts();
    const client = plexClient(ctx, server.url, TEST_TOKEN, {
      readTimeoutMs: 1000,
      logger,
      onAttempt: attempts.onAttempt,
    });

    const result = await timed(() => client.getServer());

    expect(result.error).toBeInstanceOf(PlexTimeout);
    expect(result.error).toMatchObject({ code: 'READ_TIMEOUT', attempts: 3, phase });
    expectEachAttemptTimedOut(attempts.events, 'READ_TIMEOUT', result.lateness);
    expect(server.log).toHaveLength(3);
    expect(logger.lines).toHaveLength(2);
    expectNoToken([result.error, ...logger.lines]);
  });
});

describe.concurrent('connect timeout: a listener that never accepts (full backlog)', () => {
  it('fails with a temporary timeout after 3 attempts, each ending within [1.0, 2.0] s', async (ctx) => {
    const blackhole = await blackholeListener(ctx);
    const logger = captureLogger();
    const attempts = captureAttempts();
    const client = plexClient(ctx, blackhole.url, TEST_TOKEN, {
      connectTimeoutMs: 1000,
      logger,
      onAttempt: attempts.onAttempt,
    });

    const result = await timed(() => client.getServer());

    expect(result.error).toBeInstanceOf(PlexTimeout);
    expect(result.error).toMatchObject({ code: 'CONNECT_TIMEOUT', attempts: 3, phase: 'connect' });
    expectEachAttemptTimedOut(attempts.events, 'CONNECT_TIMEOUT', result.lateness);
    expect(logger.lines).toHaveLength(2);
    expectNoToken([result.error, ...logger.lines]);
  });
});

describe.concurrent('precision of the timers', () => {
  it('fires the read timeout never early and within 50 ms (plus lateness), even for values undici would round', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: () => xmlResponse(BIG_ROOT),
      faults: [{ attempts: [1], fault: { kind: 'stall-headers' } }],
    });
    const attempts = captureAttempts();
    // 1300 ms is above undici's 1 s native-timer threshold, where its own timers tick every ~0.5 s.
    const client = plexClient(ctx, server.url, undefined, { readTimeoutMs: 1300, onAttempt: attempts.onAttempt });
    const { lateness } = await timed(() => client.getServer());
    const first = attempts.events[0];
    expect(first?.outcome).toBe('READ_TIMEOUT');
    const duration = (first?.endedAt ?? 0) - (first?.startedAt ?? 0);
    expect(duration).toBeGreaterThanOrEqual(1300 - 1);
    expect(duration).toBeLessThan(lateBound(1300 + 50, lateness));
  });

  it('fires the connect timeout never early and within 50 ms (plus lateness)', async (ctx) => {
    const blackhole = await blackholeListener(ctx);
    const attempts = captureAttempts();
    const client = plexClient(ctx, blackhole.url, undefined, { connectTimeoutMs: 1300, onAttempt: attempts.onAttempt });
    const { error, lateness } = await timed(() => client.getServer());
    expect(error).toMatchObject({ code: 'CONNECT_TIMEOUT' });
    for (const event of attempts.events) {
      expect(event.endedAt - event.startedAt).toBeGreaterThanOrEqual(1300 - 1);
      expect(event.endedAt - event.startedAt).toBeLessThan(lateBound(1300 + 50, lateness));
    }
  });

  it('does not time out a slow body that never goes silent for readTimeoutMs', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: () => xmlResponse(BIG_ROOT),
      faults: [{ fault: { kind: 'drip', bytes: 2000, everyMs: 100 } }],
    });
    const client = plexClient(ctx, server.url, undefined, { readTimeoutMs: 500 });
    const result = await timed(() => client.getServer());
    expect(result.error).toBeUndefined();
    // The body takes longer than the read timeout in total: the timeout is per silence, not per request.
    expect(result.ms).toBeGreaterThan(500);
  });
});
