import { describe, expect, it } from 'vitest';
import { AttemptFailure, LimitError } from '../../src/client/errors/errors.js';
import { classifyFailure } from '../../src/client/http/failureCode.js';
import { isRetriable } from '../../src/client/retry/isRetriable.js';

// Unit tests of one function: errors built by hand for failures a loopback test cannot produce (DNS, routing).
const errno = (code: string) => Object.assign(new Error(code), { code });

describe('classifyFailure', () => {
  it.each([
    ['ENOTFOUND', 'DNS_FAILURE'],
    ['EAI_AGAIN', 'DNS_FAILURE'],
    ['EHOSTUNREACH', 'UNREACHABLE'],
    ['ENETUNREACH', 'UNREACHABLE'],
    ['ECONNREFUSED', 'ECONNREFUSED'],
    ['ECONNRESET', 'ECONNRESET'],
    ['ETIMEDOUT', 'CONNECT_TIMEOUT'],
    ['UND_ERR_HEADERS_TIMEOUT', 'READ_TIMEOUT'],
    ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'BODY_TRUNCATED'],
    ['HPE_INVALID_CONSTANT', 'BAD_HTTP'],
    ['UND_ERR_DESTROYED', 'CLIENT_CLOSED'],
    ['SOMETHING_ELSE', 'UNKNOWN'],
  ])('%s → %s', (code, expected) => {
    expect(classifyFailure(errno(code))).toBe(expected);
  });

  it('looks through undici’s socket error to the errno beneath', () => {
    const socketError = Object.assign(new Error('other side closed'), {
      code: 'UND_ERR_SOCKET',
      cause: errno('ECONNRESET'),
    });
    expect(classifyFailure(socketError)).toBe('ECONNRESET');
    expect(classifyFailure(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }))).toBe(
      'SOCKET_CLOSED',
    );
  });

  it('reads happy-eyeballs AggregateErrors', () => {
    expect(classifyFailure(new AggregateError([errno('ECONNREFUSED'), errno('ECONNREFUSED')]))).toBe('ECONNREFUSED');
    expect(classifyFailure(new AggregateError([errno('ECONNREFUSED'), errno('ETIMEDOUT')]))).toBe('CONNECT_TIMEOUT');
  });

  it('an error code named like an Object member is unknown, not a function (the table is a Map)', () => {
    for (const code of ['constructor', 'toString', 'valueOf', '__proto__']) {
      expect(classifyFailure(errno(code))).toBe('UNKNOWN');
    }
  });

  it('knows our own timers', () => {
    expect(classifyFailure(new LimitError('CONNECT_TIMEOUT', 5))).toBe('CONNECT_TIMEOUT');
    expect(classifyFailure(new LimitError('READ_TIMEOUT', 5, 'body'))).toBe('READ_TIMEOUT');
  });
});

describe('isRetriable', () => {
  it('retries DNS failures and unreachable hosts, not bad HTTP or oversized bodies', () => {
    const failure = (code: string) => new AttemptFailure(errno(code), 'GET', 'http://x/');
    expect(isRetriable(failure('ENOTFOUND'))).toBe(true);
    expect(isRetriable(failure('EHOSTUNREACH'))).toBe(true);
    expect(isRetriable(failure('HPE_INVALID_CONSTANT'))).toBe(false);
    expect(isRetriable(failure('UND_ERR_DESTROYED'))).toBe(false);
    expect(isRetriable(errno('ECONNRESET'))).toBe(false); // only classified attempt failures
  });
});
