import type { PlexTlsOptions } from '../../index.js';
import type { TlsMaterial } from '../server/selfSignedCertificate.js';

/**
 * What a run is pointed at (plexmatch run --target …). `replay` serves each
 * scenario's fixture on its own loopback server; `nock` answers in process;
 * `live` and `container` are real Plex servers: only scenarios written for
 * them (target: { server: any }), or for the fixture a container was seeded
 * to match, run there.
 */
export type RunTarget =
  | {
      readonly kind: 'replay';
      /** Every stand-in speaks https with this key and certificate; the client trusts the certificate. */
      readonly tls?: TlsMaterial;
    }
  | { readonly kind: 'nock' }
  | { readonly kind: 'live'; readonly url: string; readonly token?: string; readonly tls?: PlexTlsOptions }
  | {
      readonly kind: 'container';
      readonly url: string;
      readonly token?: string;
      /** The fixture the server was seeded to mirror: its scenarios run there. */
      readonly fixture: string;
      /** The fixture's ratingKeys → the server's (a real server numbers items itself). */
      readonly ratingKeys: ReadonlyMap<string, string>;
    };

export const RUN_TARGETS = ['replay', 'nock', 'live', 'container'] as const;

/** A real Plex server: what `live` and `container` talk to. */
export type ServerTarget = Extract<RunTarget, { kind: 'live' | 'container' }>;

export function isServerTarget(target: RunTarget): target is ServerTarget {
  return target.kind === 'live' || target.kind === 'container';
}
