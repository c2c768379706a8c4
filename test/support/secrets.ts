import { inspect } from 'node:util';
import { expect } from 'vitest';

/** A token that looks real enough to be found anywhere it leaks. */
export const TEST_TOKEN = 'tok3n-S3CRET-abcdefghijklmnop';

/** Every way an error or a log line could be shown: message, stack, JSON, util.inspect with causes. */
export function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: 20, showHidden: true }), JSON.stringify(value) ?? ''];
  if (value instanceof Error) out.push(value.message, value.stack ?? '', String(value));
  return out;
}

/** Asserts the token appears in none of the values, however they are rendered. */
export function expectNoToken(values: readonly unknown[], token = TEST_TOKEN): void {
  for (const value of values) {
    for (const text of renderings(value)) expect(text).not.toContain(token);
  }
}
