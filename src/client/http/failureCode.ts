/**
 * One name for every way a request can fail below HTTP, so that retry,
 * error translation, logs and docs all speak of the same thing.
 */

export type FailureCode =
  | 'CONNECT_TIMEOUT'
  | 'READ_TIMEOUT'
  | 'DEADLINE'
  | 'ECONNRESET'
  | 'ECONNREFUSED'
  | 'SOCKET_CLOSED'
  | 'BODY_TRUNCATED'
  | 'EPIPE'
  | 'DNS_FAILURE'
  | 'UNREACHABLE'
  | 'BODY_TOO_LARGE'
  | 'BAD_HTTP'
  | 'CLIENT_CLOSED'
  | 'ABORTED'
  | 'TLS_NOT_TLS'
  | 'TLS_CERT_UNTRUSTED'
  | 'TLS_CERT_NAME'
  | 'TLS_CERT_EXPIRED'
  | 'TLS_HANDSHAKE'
  | 'UNKNOWN';

/** Human words for each code, used in error messages and log lines. */
export const failureDescription: Readonly<Record<FailureCode, string>> = {
  CONNECT_TIMEOUT: 'connect timed out',
  READ_TIMEOUT: 'read timed out',
  DEADLINE: 'deadline exceeded',
  ECONNRESET: 'connection reset by peer',
  ECONNREFUSED: 'connection refused',
  SOCKET_CLOSED: 'server closed the connection before a complete response',
  BODY_TRUNCATED: 'response body shorter than its Content-Length',
  EPIPE: 'connection closed while sending the request',
  DNS_FAILURE: 'host name lookup failed',
  UNREACHABLE: 'host or network unreachable',
  BODY_TOO_LARGE: 'response larger than maxResponseBytes',
  BAD_HTTP: 'response is not valid HTTP',
  CLIENT_CLOSED: 'client was closed',
  ABORTED: 'request was aborted',
  TLS_NOT_TLS: 'the server does not speak https on this port; use an http:// URL',
  TLS_CERT_UNTRUSTED:
    "the server's certificate is not trusted (self-signed, or from an authority this machine does not know); pass it with --ca FILE (option ca), or --insecure (rejectUnauthorized: false) to encrypt without authenticating",
  TLS_CERT_NAME:
    "the server's certificate is for another name; give the name it carries with --tls-servername NAME (option servername)",
  TLS_CERT_EXPIRED: "the server's certificate has expired or is not yet valid; renew it, or check this machine's clock",
  TLS_HANDSHAKE: 'the TLS handshake failed',
  UNKNOWN: 'request failed',
};

/** By the error's code (outside text: a Map, so a code named like an Object member is no entry). */
const byErrno: ReadonlyMap<string, FailureCode> = new Map<string, FailureCode>([
  ['ECONNRESET', 'ECONNRESET'],
  ['ECONNREFUSED', 'ECONNREFUSED'],
  ['EPIPE', 'EPIPE'],
  ['ECONNABORTED', 'SOCKET_CLOSED'],
  ['ETIMEDOUT', 'CONNECT_TIMEOUT'],
  ['ENOTFOUND', 'DNS_FAILURE'],
  ['EAI_AGAIN', 'DNS_FAILURE'],
  ['EAI_FAIL', 'DNS_FAILURE'],
  ['EAI_NONAME', 'DNS_FAILURE'],
  ['EAI_NODATA', 'DNS_FAILURE'],
  ['EHOSTUNREACH', 'UNREACHABLE'],
  ['ENETUNREACH', 'UNREACHABLE'],
  ['EHOSTDOWN', 'UNREACHABLE'],
  ['ENETDOWN', 'UNREACHABLE'],
  ['EADDRNOTAVAIL', 'UNREACHABLE'],
  // undici's own codes
  ['CONNECT_TIMEOUT', 'CONNECT_TIMEOUT'],
  ['READ_TIMEOUT', 'READ_TIMEOUT'],
  ['DEADLINE', 'DEADLINE'],
  ['BODY_TOO_LARGE', 'BODY_TOO_LARGE'],
  ['UND_ERR_CONNECT_TIMEOUT', 'CONNECT_TIMEOUT'],
  ['UND_ERR_HEADERS_TIMEOUT', 'READ_TIMEOUT'],
  ['UND_ERR_BODY_TIMEOUT', 'READ_TIMEOUT'],
  ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'BODY_TRUNCATED'],
  ['UND_ERR_HEADERS_OVERFLOW', 'BAD_HTTP'],
  ['UND_ERR_SOCKET', 'SOCKET_CLOSED'],
  ['UND_ERR_CLOSED', 'CLIENT_CLOSED'],
  ['UND_ERR_DESTROYED', 'CLIENT_CLOSED'],
  ['UND_ERR_ABORTED', 'ABORTED'],
  ['UND_ERR_ABORT', 'ABORTED'],
  ['ABORT_ERR', 'ABORTED'],
  // TLS (OpenSSL's and Node's codes): answers about the server, never retried.
  ['ERR_SSL_WRONG_VERSION_NUMBER', 'TLS_NOT_TLS'],
  ['ERR_SSL_HTTP_REQUEST', 'TLS_NOT_TLS'],
  ['ERR_SSL_PACKET_LENGTH_TOO_LONG', 'TLS_NOT_TLS'],
  ['DEPTH_ZERO_SELF_SIGNED_CERT', 'TLS_CERT_UNTRUSTED'],
  ['SELF_SIGNED_CERT_IN_CHAIN', 'TLS_CERT_UNTRUSTED'],
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'TLS_CERT_UNTRUSTED'],
  ['UNABLE_TO_GET_ISSUER_CERT', 'TLS_CERT_UNTRUSTED'],
  ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'TLS_CERT_UNTRUSTED'],
  ['CERT_UNTRUSTED', 'TLS_CERT_UNTRUSTED'],
  ['CERT_SIGNATURE_FAILURE', 'TLS_CERT_UNTRUSTED'],
  ['ERR_TLS_CERT_ALTNAME_INVALID', 'TLS_CERT_NAME'],
  ['CERT_HAS_EXPIRED', 'TLS_CERT_EXPIRED'],
  ['CERT_NOT_YET_VALID', 'TLS_CERT_EXPIRED'],
]);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * What undici's socket errors say when the peer answered something that is not an answer to this
 * request: a 101 upgrade nobody asked for, an unasked 100 Continue and then nothing.
 */
const NOT_AN_ANSWER = new Set(['bad upgrade', 'bad response']);

/**
 * One of undici's own assertions ("false == true"), which an answer its HTTP/1.1 parser cannot
 * follow breaks: a 101 without `Upgrade`, a status below 100.
 */
export function isParserAssertion(error: unknown): boolean {
  return codeOf(error) === 'ERR_ASSERTION';
}

/** Names the failure behind an error thrown by undici, Node's net/dns, or our own timers. */
export function classifyFailure(error: unknown): FailureCode {
  const code = codeOf(error);
  // llhttp's verdict on an answer that is not HTTP/1.1 (undici 8 leaves its `code` unset: the code
  // table it looks in is keyed by name, not number).
  if ((error instanceof Error && error.name === 'HTTPParserError') || isParserAssertion(error)) return 'BAD_HTTP';
  // undici wraps a socket error ("other side closed", a reset) in UND_ERR_SOCKET;
  // the errno underneath is the more precise answer when there is one.
  if (code === 'UND_ERR_SOCKET') {
    if (NOT_AN_ANSWER.has((error as Error).message)) return 'BAD_HTTP';
    const inner = codeOf((error as { cause?: unknown }).cause);
    const precise = inner === undefined ? undefined : byErrno.get(inner);
    if (precise !== undefined) return precise;
  }
  if (code !== undefined) {
    const known = byErrno.get(code);
    if (known !== undefined) return known;
    if (code.startsWith('HPE_')) return 'BAD_HTTP';
    if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO') return 'TLS_HANDSHAKE';
  }
  // Happy-eyeballs connects fail with an AggregateError of one error per address.
  if (error instanceof AggregateError && error.errors.length > 0) {
    const codes = error.errors.map(classifyFailure);
    return codes.includes('CONNECT_TIMEOUT') ? 'CONNECT_TIMEOUT' : (codes[0] ?? 'UNKNOWN');
  }
  if (error instanceof Error && error.name === 'AbortError') return 'ABORTED';
  return 'UNKNOWN';
}
