import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FaultSpecError, parseFaultSpec } from '../../src/harness/faults/parseFaultSpec.js';
import { serveFixtures } from '../../src/harness/serveFixtures.js';

// docs/faults.md: a fault spec is checked whole when it is parsed. A spec that passes must be one
// the server can act on; before, `status=99`, `status=1000` or a control character in retryAfter
// passed and then ended the process on the first matching request.

describe('fault specs that cannot be used fail when parsed, with one line', () => {
  it.each([
    ['status:status=99', 'status must be a whole number from 100 to 599, got "99"'],
    ['status:status=1000', 'status must be a whole number from 100 to 599, got "1000"'],
    ['status:status=5O3', 'status must be a whole number from 100 to 599, got "5O3"'],
    ['status:status=503:retryAfter=1\u0007', 'retryAfter must be seconds or an HTTP date'],
    ['status:status=503:retryAfter=', 'retryAfter must be seconds or an HTTP date'],
    ['status:status=503:body=a\u0000b', 'body must not hold a NUL character'],
    ['status', 'status needs status=NNN'],
    ['drip:everyMs=0', 'everyMs must be a whole number from 1 to 60000'],
    ['drip:bytes=0', 'bytes must be a whole number from 1 to'],
    ['reset:times=0', 'times must be a whole number from 1 to'],
    ['reset:times=-1', 'times must be a whole number'],
    ['reset:times=1.5', 'times must be a whole number'],
    ['reset:path=library', 'path must start with /'],
    ['reset:path=/a b', 'path must start with /'],
    ['reset:method=G T', 'method must be letters'],
    ['reset:attempts=0+1', 'attempts must be numbers from 1 joined by +'],
    ['reset:afterBytes=3', 'reset does not take afterBytes'],
    ['reset:path=/a:path=/b', 'path is given twice'],
    ['reset:nonsense', '"nonsense" is not key=value'],
    ['refused:forMs=10:times=2', 'not both'],
    ['refused:forMs=0', 'forMs must be a whole number from 1'],
    ['oversized:bytes=10:declareLength=yes', 'declareLength must be true or false'],
    ['ignore-paging:via=proxy', 'via must be headers or all'],
    ['grow:hidden=1', 'grow needs items=N'],
    ['status:status=503:retryAfter="open', 'a quoted value has no closing "'],
    ['explode', 'unknown kind "explode"'],
    ['', 'expected kind[:key=value]'],
  ])('%j', (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(FaultSpecError);
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });

  it('a quoted value may hold colons (a Retry-After date), and \\" and \\\\', () => {
    const parsed = parseFaultSpec('status:status=503:retryAfter="Wed, 21 Oct 2026 07:28:00 GMT":path=/library');
    expect(parsed).toEqual({
      kind: 'request',
      rule: { fault: { kind: 'status', status: 503, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT' }, path: '/library' },
    });
    const body = parseFaultSpec('status:status=500:body="say \\"no\\" \\\\ now"');
    expect(body.kind === 'request' && body.rule.fault).toEqual({
      kind: 'status',
      status: 500,
      body: 'say "no" \\ now',
    });
  });
});

// Specs built from every kind and key with values from anywhere (control characters, huge and
// negative numbers, quotes): parsing either succeeds or is a FaultSpecError, never anything else;
// and a spec that parses is served without taking the server down.
const KINDS = ['reset', 'close', 'truncate', 'status', 'oversized', 'malformed-xml', 'wrong-content-type', 'xml-bomb'];
const KEYS = ['status', 'retryAfter', 'body', 'afterBytes', 'bytes', 'declareLength', 'times', 'method', 'x'];
const value = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.integer({ min: -10, max: 1000 }).map(String),
  fc.constantFrom('503', '99', '1000', '1e3', '0x1f4', '', '"a:b"', '1\u0007', 'true', 'false', '18446744073709551616'),
);
const spec = fc
  .tuple(fc.constantFrom(...KINDS), fc.array(fc.tuple(fc.constantFrom(...KEYS), value), { maxLength: 3 }))
  .map(([kind, pairs]) => [kind, 'path=/identity', ...pairs.map(([k, v]) => `${k}=${v}`)].join(':'));

describe('any spec: a FaultSpecError or a fault the server survives', () => {
  it('parses to a rule or fails with FaultSpecError, never another error', () => {
    fc.assert(
      fc.property(spec, (text) => {
        try {
          parseFaultSpec(text);
        } catch (error) {
          expect(error).toBeInstanceOf(FaultSpecError);
        }
      }),
      { seed: 20261129, numRuns: 2000 },
    );
  });

  it('a spec that parses is served, and the server answers the next request', async () => {
    const parsed = fc.sample(spec, { seed: 20261129, numRuns: 400 }).filter((text) => {
      try {
        parseFaultSpec(text);
        return /bytes=\d{7,}/.test(text) === false; // keep the bodies small enough to be quick
      } catch {
        return false;
      }
    });
    expect(parsed.length).toBeGreaterThanOrEqual(40);
    for (const text of parsed.slice(0, 60)) {
      const served = await serveFixtures({ fixture: 'linux-docker', faults: [text] });
      try {
        await fetch(`${served.server.url}/identity`, { signal: AbortSignal.timeout(2000) })
          .then((response) => response.arrayBuffer())
          .catch(() => undefined); // the fault may break this request: that is its job
        const next = await fetch(`${served.server.url}/library/sections`, { signal: AbortSignal.timeout(2000) });
        expect(next.status, text).toBe(200);
        await next.arrayBuffer();
      } finally {
        await served.server.close();
      }
    }
  });
});
