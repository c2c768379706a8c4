/**
 * The Plex token is a secret: it must not reach a log line, an error
 * message or a recorded file. Everything that prints a URL or a message
 * passes through here.
 */

export const REDACTED = 'REDACTED';

const tokenParam = /([?&]X-Plex-Token=)[^&#\s]*/gi;

/** Replaces the value of any X-Plex-Token query parameter with REDACTED. */
export function redactUrl(url: string): string {
  return url.replace(tokenParam, `$1${REDACTED}`);
}

/** Removes a known secret from free text (messages of errors we did not write), and any token query. */
export function redactText(text: string, secret: string | undefined): string {
  const withoutQuery = redactUrl(text);
  if (secret === undefined || secret === '') return withoutQuery;
  let out = withoutQuery.split(secret).join(REDACTED);
  const encoded = encodeURIComponent(secret);
  if (encoded !== secret) out = out.split(encoded).join(REDACTED);
  return out;
}
