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

/**
 * The token as a URL, an HTML page or a JSON body can carry it: plain, percent-encoded once and
 * twice (every byte, and as encodeURIComponent leaves it), HTML character references (decimal and
 * hex), JSON escapes. Written out here, independently of the redaction that must remove them.
 */
export function encodedForms(token: string): string[] {
  const bytes = [...Buffer.from(token, 'utf8')];
  const chars = [...token];
  return [
    ...new Set([
      token,
      encodeURIComponent(token),
      encodeURIComponent(encodeURIComponent(token)),
      bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
      bytes.map((b) => `%25${b.toString(16).padStart(2, '0')}`).join(''),
      chars.map((c) => `&#${c.codePointAt(0)};`).join(''),
      chars.map((c) => `&#x${(c.codePointAt(0) as number).toString(16)};`).join(''),
      chars.map((c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, '0')}`).join(''),
    ]),
  ];
}

/** Asserts the token, in none of its encoded forms, appears in any of the values, however they are rendered. */
export function expectNoToken(values: readonly unknown[], token = TEST_TOKEN): void {
  const forms = encodedForms(token);
  for (const value of values) {
    for (const text of renderings(value)) for (const form of forms) expect(text).not.toContain(form);
  }
}
