import type { ConnectFault } from '../server/startReplayServer.js';
import { FAULT_KINDS, type Fault, type FaultRule } from './fault.js';

/** A fault given as text that cannot be used: `kind[:key=value]…`, e.g. `reset:path=/library/sections:times=2`. */
export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

/** What a spec asks for: a fault on requests, or a fault of the connection for a while. */
export type ParsedFaultSpec =
  | { readonly kind: 'request'; readonly rule: FaultRule }
  | {
      readonly kind: 'connect';
      readonly fault: ConnectFault;
      /** Clear after this long (serve), or after this many client attempts (scenarios); absent: never. */
      readonly forMs: number | undefined;
      readonly times: number | undefined;
    };

const RULE_KEYS = ['path', 'method', 'times', 'attempts'] as const;
const FAULT_KEYS: Readonly<Record<string, readonly string[]>> = {
  'stall-body': ['afterBytes'],
  truncate: ['afterBytes'],
  drip: ['bytes', 'everyMs'],
  status: ['status', 'body', 'retryAfter'],
  oversized: ['bytes', 'declareLength'],
  'ignore-paging': ['via'],
  'total-size': ['value'],
  grow: ['hidden', 'items', 'at'],
};
/** Every number a spec takes, and the range it must be in: a value outside it would break the server, not the client. */
const NUMBERS: Readonly<Record<string, readonly [number, number]>> = {
  times: [1, 1_000_000_000],
  afterBytes: [0, 2 ** 40],
  bytes: [1, 2 ** 40],
  everyMs: [1, 60_000],
  status: [100, 599],
  forMs: [1, 2 ** 31 - 1],
  value: [0, Number.MAX_SAFE_INTEGER],
  hidden: [0, 1_000_000_000],
  items: [1, 1_000_000_000],
};
/** Keys whose value is one of a few words. */
const WORDS: Readonly<Record<string, readonly string[]>> = {
  via: ['headers', 'all'],
  at: ['start', 'end'],
  declareLength: ['true', 'false'],
};
/** Keys a kind cannot do without. */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  status: ['status'],
  'total-size': ['value'],
  grow: ['hidden', 'items'],
};
/** Text that goes into an HTTP header or a request line: visible ASCII and spaces only. */
const HEADER_TEXT = /^[\x20-\x7e]*$/;

function fail(spec: string, expected: string): never {
  throw new FaultSpecError(`fault "${spec}": ${expected}`);
}

/**
 * `kind:key=value:key="value with : in it"` as its kind and key/value
 * pairs. A value in double quotes may hold any text (a Retry-After date has
 * colons); `\"` and `\\` inside it are a quote and a backslash.
 */
function split(spec: string): { kind: string; pairs: [string, string][] } {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < spec.length; i += 1) {
    const c = spec[i] as string;
    if (quoted && c === '\\' && i + 1 < spec.length) field += spec[++i];
    else if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) {
      fields.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) fail(spec, 'a quoted value has no closing "');
  fields.push(field);
  const [kind = '', ...rest] = fields;
  const pairs = rest.map((pair): [string, string] => {
    const eq = pair.indexOf('=');
    if (eq <= 0) fail(spec, `"${pair}" is not key=value`);
    return [pair.slice(0, eq), pair.slice(eq + 1)];
  });
  return { kind, pairs };
}

/**
 * Parses `--fault` text (docs/faults.md lists the kinds and their keys),
 * checking every value when it is given, so a spec that would break the
 * server (status=99, a control character in a header) fails here, with one
 * line. Request faults take path=, method=, times=N ("the first N, then
 * pass") or attempts=1+3; refused and blackhole take forMs=N, or times=N
 * client attempts where a client is watched (scenarios).
 */
export function parseFaultSpec(spec: string): ParsedFaultSpec {
  if (typeof spec !== 'string' || spec === '') fail(String(spec), 'expected kind[:key=value]…, e.g. reset:path=/');
  const { kind, pairs } = split(spec);
  const values = new Map<string, string>();
  for (const [key, value] of pairs) {
    if (values.has(key)) fail(spec, `${key} is given twice`);
    values.set(key, value);
  }
  const number = (key: string): number | undefined => {
    const value = values.get(key);
    if (value === undefined) return undefined;
    const [min, max] = NUMBERS[key] ?? [0, Number.MAX_SAFE_INTEGER];
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      fail(spec, `${key} must be a whole number from ${min} to ${max}, got "${value}"`);
    }
    return Number(value);
  };
  if (kind === 'refused' || kind === 'blackhole') {
    for (const key of values.keys())
      if (key !== 'forMs' && key !== 'times') fail(spec, `${kind} takes forMs=N or times=N, not ${key}`);
    if (values.has('forMs') && values.has('times')) fail(spec, `${kind} takes forMs=N or times=N, not both`);
    return { kind: 'connect', fault: kind, forMs: number('forMs'), times: number('times') };
  }
  if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
    fail(spec, `unknown kind "${kind}"; known: ${[...FAULT_KINDS, 'refused', 'blackhole'].join(', ')}`);
  }
  const allowed = new Set<string>([...RULE_KEYS, ...(FAULT_KEYS[kind] ?? [])]);
  for (const [key, value] of values) {
    if (!allowed.has(key)) fail(spec, `${kind} does not take ${key}; it takes ${[...allowed].join(', ')}`);
    if (key in NUMBERS) number(key);
    const words = WORDS[key];
    if (words !== undefined && !words.includes(value))
      fail(spec, `${key} must be ${words.join(' or ')}, got "${value}"`);
  }
  for (const key of REQUIRED[kind] ?? []) {
    if (!values.has(key)) {
      fail(
        spec,
        `${kind} needs ${key}=${key === 'status' ? 'NNN' : 'N'}, e.g. ${kind === 'status' ? 'status:status=503' : `${kind}:${key}=1`}`,
      );
    }
  }
  const retryAfter = values.get('retryAfter');
  if (retryAfter !== undefined && (retryAfter === '' || !HEADER_TEXT.test(retryAfter))) {
    fail(spec, 'retryAfter must be seconds or an HTTP date: visible ASCII text, no control characters');
  }
  if (values.get('body')?.includes('\0')) fail(spec, 'body must not hold a NUL character');
  const path = values.get('path');
  if (path !== undefined && !/^\/[\x21-\x7e]*$/.test(path)) {
    fail(spec, `path must start with / and hold no spaces or control characters, got "${path}"`);
  }
  const method = values.get('method');
  if (method !== undefined && !/^[A-Za-z]+$/.test(method)) fail(spec, `method must be letters, got "${method}"`);
  const attemptsText = values.get('attempts');
  if (attemptsText !== undefined && !/^[1-9]\d*(\+[1-9]\d*)*$/.test(attemptsText)) {
    fail(spec, `attempts must be numbers from 1 joined by +, e.g. attempts=1+3, got "${attemptsText}"`);
  }

  const fields: Record<string, unknown> = { kind };
  for (const key of FAULT_KEYS[kind] ?? []) {
    if (!values.has(key)) continue;
    fields[key] = key === 'declareLength' ? values.get(key) === 'true' : key in NUMBERS ? number(key) : values.get(key);
  }
  const times = number('times');
  const rule: FaultRule = {
    fault: fields as unknown as Fault,
    ...(path === undefined ? {} : { path }),
    ...(method === undefined ? {} : { method: method.toUpperCase() }),
    ...(times === undefined ? {} : { times }),
    ...(attemptsText === undefined ? {} : { attempts: attemptsText.split('+').map(Number) }),
  };
  return { kind: 'request', rule };
}
