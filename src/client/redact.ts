/**
 * The Plex token is a secret: it must not reach a log line, an error
 * message or a recorded file. Everything that prints a URL or text from a
 * server passes through here (docs/client.md, "The token").
 */

export const REDACTED = 'REDACTED';

const tokenParam = /([?&]X-Plex-Token=)[^&#\s]*/gi;

/** Replaces the value of any X-Plex-Token query parameter with REDACTED. */
export function redactUrl(url: string): string {
  return url.replace(tokenParam, `$1${REDACTED}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `41` as a pattern that matches either case of its hex letters. */
function hexPattern(hex: string): string {
  return [...hex]
    .map((digit) => (/[a-f]/i.test(digit) ? `[${digit.toLowerCase()}${digit.toUpperCase()}]` : digit))
    .join('');
}

/**
 * One character of a secret in every form a URL, an HTML page or a JSON
 * body can carry it in: plain, percent-encoded once (`%41`) and twice
 * (`%2541`), an HTML character reference (`&#65;`, `&#x41;`), a JSON
 * escape (`\u0041`). Each character may take any of them, so a value
 * encoded once, twice, or only in part is matched all the same.
 */
function characterForms(char: string): string {
  const code = char.codePointAt(0) as number;
  const utf8 = [...Buffer.from(char, 'utf8')].map((byte) => hexPattern(byte.toString(16).padStart(2, '0')));
  const hex = code.toString(16);
  const forms = [
    escapeRegExp(char),
    utf8.map((byte) => `%${byte}`).join(''),
    utf8.map((byte) => `%25${byte}`).join(''),
    `&#0*${code};`,
    `&#[xX]0*${hexPattern(hex)};`,
    ...(code <= 0xffff ? [`\\\\u${hexPattern(hex.padStart(4, '0'))}`] : []),
  ];
  return `(?:${forms.join('|')})`;
}

const patterns = new Map<string, RegExp>();

/** The secret in any of its forms, wherever it stands: glued to other text too. Cached per secret. */
function secretPattern(secret: string): RegExp {
  let pattern = patterns.get(secret);
  if (pattern === undefined) {
    pattern = new RegExp([...secret].map(characterForms).join(''), 'g');
    if (patterns.size > 16) patterns.clear();
    patterns.set(secret, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

/**
 * The shortest token the client takes: redaction removes the token wherever
 * it occurs, even inside a word, so a token as short as a word would eat
 * ordinary text (Plex's tokens are 20 characters).
 */
export const MIN_TOKEN_LENGTH = 8;

/**
 * Removes a known secret from free text (messages of errors we did not
 * write, bodies we record, lines we print), and any token query parameter.
 * The secret is removed wherever it occurs, in any encoded form
 * (characterForms): glued to other characters, inside a percent-encoded
 * redirect, as an HTML or JSON escape. A value that is the secret itself
 * (a title equal to the token) is redacted too: better a wrong title than
 * a leaked token.
 */
export function redactText(text: string, secret: string | undefined): string {
  const withoutQuery = redactUrl(text);
  if (secret === undefined || secret === '') return withoutQuery;
  return withoutQuery.replace(secretPattern(secret), REDACTED);
}

/** Whether `text` holds the secret in any form redactText removes. */
export function holdsSecret(text: string, secret: string | undefined): boolean {
  return secret !== undefined && secret !== '' && secretPattern(secret).test(text);
}

/**
 * Takes a secret out of everything an error carries, in place, through its
 * whole cause chain: message, stack, every string field (url, statusText,
 * a quoted body), and errors it holds (AggregateError). The one redaction
 * point every PlexError passes before it leaves the client, so neither
 * `String(error)`, `JSON.stringify(error)` nor `util.inspect(error)` can
 * show the token, whatever the server echoed of it.
 */
export function redactError<E>(error: E, secret: string | undefined, seen = new Set<unknown>()): E {
  if (typeof error !== 'object' || error === null || seen.has(error)) return error;
  seen.add(error);
  const target = error as Record<string, unknown>;
  for (const name of [...Object.getOwnPropertyNames(target), 'message', 'stack']) {
    let value: unknown;
    try {
      value = target[name];
    } catch {
      continue;
    }
    if (typeof value === 'string') {
      const clean = redactText(value, secret);
      if (clean !== value) Object.defineProperty(target, name, { value: clean, writable: true, configurable: true });
    } else if (name === 'cause' || name === 'errors' || value instanceof Error) {
      if (Array.isArray(value)) for (const inner of value) redactError(inner, secret, seen);
      else redactError(value, secret, seen);
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && name === 'headers') {
      for (const [header, text] of Object.entries(value)) {
        if (typeof text === 'string') (value as Record<string, unknown>)[header] = redactText(text, secret);
      }
    }
  }
  return error;
}
