import type { ConnectFault } from '../server/startReplayServer.js';
import { FAULT_KINDS, type Fault, type FaultRule } from './fault.js';

/** A fault given as text: `kind[:key=value]…`, e.g. `reset:path=/library/sections:times=2`. */
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
const NUMBER_KEYS = new Set(['times', 'afterBytes', 'bytes', 'everyMs', 'status', 'forMs', 'value', 'hidden', 'items']);
/** Keys whose value is one of a few words. */
const WORD_KEYS: Readonly<Record<string, readonly string[]>> = { via: ['headers', 'all'], at: ['start', 'end'] };
/** Keys a kind cannot do without. */
const REQUIRED_KEYS: Readonly<Record<string, readonly string[]>> = {
  'total-size': ['value'],
  grow: ['hidden', 'items'],
};

function fail(spec: string, expected: string): never {
  throw new FaultSpecError(`fault "${spec}": ${expected}`);
}

/**
 * Parses `--fault` text (docs/faults.md lists the kinds). Request faults
 * take path=, method=, times=N ("the first N, then pass") or attempts=1+3;
 * refused and blackhole take forMs=N, or times=N client attempts where a
 * client is watched (scenarios); absent: for as long as the server runs.
 */
export function parseFaultSpec(spec: string): ParsedFaultSpec {
  const [kind = '', ...pairs] = spec.split(':');
  const values = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) fail(spec, `"${pair}" is not key=value`);
    values.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  const number = (key: string): number | undefined => {
    const value = values.get(key);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) fail(spec, `${key} must be a whole number, got "${value}"`);
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
  for (const key of values.keys())
    if (!allowed.has(key)) fail(spec, `${kind} does not take ${key}; it takes ${[...allowed].join(', ')}`);
  for (const key of values.keys()) if (NUMBER_KEYS.has(key)) number(key);
  for (const [key, words] of Object.entries(WORD_KEYS)) {
    const value = values.get(key);
    if (value !== undefined && !words.includes(value))
      fail(spec, `${key} must be ${words.join(' or ')}, got "${value}"`);
  }
  if (kind === 'status' && !values.has('status')) fail(spec, 'status needs status=NNN, e.g. status:status=503');
  for (const key of REQUIRED_KEYS[kind] ?? []) {
    if (!values.has(key)) fail(spec, `${kind} needs ${(REQUIRED_KEYS[kind] ?? []).map((k) => `${k}=N`).join(' and ')}`);
  }

  const fields: Record<string, unknown> = { kind };
  for (const key of FAULT_KEYS[kind] ?? []) {
    if (!values.has(key)) continue;
    fields[key] =
      key === 'declareLength' ? values.get(key) === 'true' : NUMBER_KEYS.has(key) ? number(key) : values.get(key);
  }
  const path = values.get('path');
  const method = values.get('method');
  const times = number('times');
  const attemptsText = values.get('attempts');
  let attempts: number[] | undefined;
  if (attemptsText !== undefined) {
    if (!/^\d+(\+\d+)*$/.test(attemptsText))
      fail(spec, `attempts must be numbers joined by +, e.g. attempts=1+3, got "${attemptsText}"`);
    attempts = attemptsText.split('+').map(Number);
  }
  if (path !== undefined && !path.startsWith('/')) fail(spec, `path must start with /, got "${path}"`);
  const rule: FaultRule = {
    fault: fields as unknown as Fault,
    ...(path === undefined ? {} : { path }),
    ...(method === undefined ? {} : { method: method.toUpperCase() }),
    ...(times === undefined ? {} : { times }),
    ...(attempts === undefined ? {} : { attempts }),
  };
  return { kind: 'request', rule };
}
