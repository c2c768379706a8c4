import { rootCertificates } from 'node:tls';
import { PlexConfigError } from './errors/errors.js';

/**
 * How a client checks an https server (docs/client.md, "Secure
 * connections"): extra certificate authorities added to the system's roots
 * (never instead of them), the name to verify when the URL is an IP whose
 * certificate names a plex.direct host, and whether to verify at all.
 */
export interface TlsSettings {
  /** The system's roots plus the `ca` option's certificates; undefined when none were added. */
  readonly ca: readonly string[] | undefined;
  readonly servername: string | undefined;
  readonly rejectUnauthorized: boolean;
}

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function certificates(value: unknown): string[] {
  const texts = Array.isArray(value) ? value : [value];
  const found: string[] = [];
  for (const text of texts) {
    if (typeof text !== 'string' || (text.match(PEM) ?? []).length === 0) {
      throw new PlexConfigError(
        'ca',
        'must be PEM text ("-----BEGIN CERTIFICATE-----…") or a list of them, such as the contents of the file plexmatch serve --tls prints',
      );
    }
    found.push(...(text.match(PEM) as string[]));
  }
  return found;
}

export function tlsSettings(options: Record<string, unknown>): TlsSettings {
  const { ca, servername, rejectUnauthorized } = options;
  if (servername !== undefined && (typeof servername !== 'string' || !/^[A-Za-z0-9.-]+$/.test(servername))) {
    throw new PlexConfigError('servername', 'must be a host name, such as "192-168-1-10.abc123.plex.direct"');
  }
  if (rejectUnauthorized !== undefined && typeof rejectUnauthorized !== 'boolean') {
    throw new PlexConfigError('rejectUnauthorized', 'must be true or false');
  }
  return {
    ca: ca === undefined ? undefined : [...rootCertificates, ...certificates(ca)],
    servername: servername as string | undefined,
    rejectUnauthorized: rejectUnauthorized !== false,
  };
}
