import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAGING_SLACK } from '../../src/client/listing/scanListing.js';
import type { Fault, FaultRule } from '../../src/harness/faults/fault.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import { syntheticSet } from '../../src/harness/fixtures/syntheticSet.js';
import { startReplayServer } from '../../src/harness/server/startReplayServer.js';
import { lateBound, watchLoopLateness } from '../../src/harness/timing/loopLateness.js';
import { PlexClient, PlexError } from '../../src/index.js';
import { clientTimersLeft } from '../support/clientTimers.js';

/**
 * The fault soak (docs/client.md, "Paging guards"): random schedules of
 * socket faults, 503s and misbehaving paging over a paged listing on the
 * real replay server. Whatever the schedule, a scan ends within its bound,
 * gives each item once (exactly the listing when it neither moved nor was
 * lied about) or throws a PlexError, and leaves no client timer pending and
 * no socket open. Fixed seed; PLEXMATCH_SOAK_SEED / _PATH replay a failure.
 */
const SEED = Number(process.env.PLEXMATCH_SOAK_SEED ?? 20_261_129);
const PATH = process.env.PLEXMATCH_SOAK_PATH;
const RUNS = Number(process.env.PLEXMATCH_SOAK_RUNS ?? 60);
const LISTING = '/library/sections/1/all';
const CLIENT = { connectTimeoutMs: 150, readTimeoutMs: 150, deadlineMs: 1000 } as const;

const fault: fc.Arbitrary<Fault> = fc.oneof(
  fc.constant({ kind: 'reset' } as const),
  fc.constant({ kind: 'close' } as const),
  fc.constant({ kind: 'stall-headers' } as const),
  fc.record({ kind: fc.constant('stall-body' as const), afterBytes: fc.integer({ min: 0, max: 300 }) }),
  fc.record({ kind: fc.constant('truncate' as const), afterBytes: fc.integer({ min: 0, max: 300 }) }),
  fc
    .record({
      kind: fc.constant('status' as const),
      status: fc.constantFrom(503, 429, 500),
      retryAfter: fc.constantFrom(undefined, '0'),
    })
    .map(({ retryAfter, ...rest }) => (retryAfter === undefined ? rest : { ...rest, retryAfter })),
  // The paging faults, each twice as likely as a socket fault: they are what the guards are for.
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('ignore-paging' as const),
      via: fc.constantFrom('headers' as const, 'all' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('total-size' as const), value: fc.integer({ min: 0, max: 3000 }) }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'empty-page' } as const) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('grow' as const),
      hidden: fc.integer({ min: 1, max: 600 }),
      items: fc.integer({ min: 1, max: 300 }),
      at: fc.constantFrom('start' as const, 'end' as const),
    }),
  },
);

const rule: fc.Arbitrary<FaultRule> = fc
  .tuple(fault, fc.uniqueArray(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([f, attempts, always]) => ({ path: LISTING, fault: f, ...(always ? {} : { attempts }) }));

const schedule = fc.record({
  items: fc.integer({ min: 0, max: 1500 }),
  pageSize: fc.constantFrom(100, 250, 500),
  pageConcurrency: fc.constantFrom(1, 2, 4),
  rules: fc.array(rule, { maxLength: 3 }),
});

const sockets = () => process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;

describe('fault soak', () => {
  it(`scans end in time with the right items or a PlexError, and leave nothing open (seed ${SEED})`, async () => {
    const baseline = sockets();
    const property = fc.asyncProperty(schedule, async ({ items, pageSize, pageConcurrency, rules }) => {
      const all = Array.from({ length: items }, (_, i) => String(1000 + i));
      const server = await startReplayServer({
        respond: fixtureResponder(syntheticSet({ count: items, seed: 5 })),
        faults: rules,
      });
      const client = new PlexClient(server.url, undefined, { ...CLIENT, pageSize, pageConcurrency });
      try {
        const library = await client.getLibrary('Movies');
        const watch = watchLoopLateness();
        const started = performance.now();
        const { outcome, timers } = await clientTimersLeft(async () => {
          const got: string[] = [];
          let moved = false;
          for await (const page of library.scan()) {
            for (const item of page.items) got.push(item.ratingKey);
            moved = page.listingMoved;
          }
          return { got, moved };
        });
        const elapsed = performance.now() - started;
        const lateness = watch.stop();

        // 1. Within its bound: every request ends within deadlineMs; a scan makes at most
        // ceil(listing / page) + PAGING_SLACK requests, and a few re-asks after 429/503.
        const most = Math.max(items, ...rules.map((r) => (r.fault.kind === 'total-size' ? r.fault.value : 0)));
        const requests = Math.ceil(Math.max(most, 1) / pageSize) + PAGING_SLACK + 8;
        expect(elapsed).toBeLessThanOrEqual(lateBound(requests * (CLIENT.deadlineMs + 50), lateness));

        // 2. The right items, or a PlexError.
        if ('error' in outcome) {
          expect(outcome.error).toBeInstanceOf(PlexError);
        } else {
          expect(new Set(outcome.got).size).toBe(outcome.got.length);
          const known = new Set(all);
          expect(outcome.got.filter((key) => !known.has(key))).toEqual([]);
          // A listing that neither changes nor lies is read exactly, and not said to have moved.
          const honest = !rules.some((r) => r.fault.kind === 'total-size' || r.fault.kind === 'grow');
          if (honest) expect(outcome).toEqual({ got: all, moved: false });
          // With one growing fault: items visible from the start stay visible, and a scan never skips one.
          const grows = rules.filter((r) => r.fault.kind === 'grow');
          for (const r of grows.length === 1 ? grows : []) {
            if (
              r.fault.kind === 'grow' &&
              !rules.some((o) => o.fault.kind === 'total-size') &&
              r.attempts === undefined
            ) {
              const first = r.fault.at === 'start' ? Math.min(items, r.fault.hidden) : 0;
              const last = r.fault.at === 'start' ? items : Math.max(0, items - r.fault.hidden);
              const got = new Set(outcome.got);
              expect(all.slice(first, last).filter((key) => !got.has(key))).toEqual([]);
            }
          }
        }

        // 3. Nothing left behind: no client timer pending, and no socket once the client and server close.
        expect(timers).toBe(0);
      } finally {
        await client.close();
        await server.close();
      }
      await expect.poll(sockets, { timeout: 2000 }).toBeLessThanOrEqual(baseline);
    });
    try {
      await fc.assert(property, {
        seed: SEED,
        numRuns: RUNS,
        ...(PATH === undefined ? {} : { path: PATH }),
        endOnFailure: process.env.PLEXMATCH_SOAK_SHRINK === undefined,
      });
    } catch (error) {
      const found = /seed: (-?\d+), path: "([^"]*)"/.exec(String(error));
      console.error(
        `fault soak failed; replay it with: PLEXMATCH_SOAK_SEED=${found?.[1] ?? SEED} PLEXMATCH_SOAK_PATH=${found?.[2] ?? ''} npx vitest run test/client/faultSoak.test.ts`,
      );
      throw error;
    }
  }, 90_000);
});
