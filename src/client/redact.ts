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

/** The secret, plain and URL-encoded, where it stands as a whole: not inside a longer run of letters and digits. */
function secretPattern(secret: string): RegExp {
  const forms = [...new Set([secret, encodeURIComponent(secret)])].map(escapeRegExp);
  return new RegExp(`(?<![A-Za-z0-9])(?:${forms.join('|')})(?![A-Za-z0-9])`, 'g');
}

/**
 * Removes a known secret from free text (messages of errors we did not
 * write, bodies we record), and any token query parameter. The secret is
 * matched as a whole, so a short one cannot mangle words that merely
 * contain it; a value that is the secret itself (a title equal to the
 * token) is redacted too: better a wrong title than a leaked token.
 */
export function redactText(text: string, secret: string | undefined): string {
  const withoutQuery = redactUrl(text);
  if (secret === undefined || secret === '') return withoutQuery;
  return withoutQuery.replace(secretPattern(secret), REDACTED);
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
