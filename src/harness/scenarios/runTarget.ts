/**
 * What a run is pointed at (plexmatch run --target …). `replay` serves each
 * scenario's fixture on its own loopback server; `nock` answers in process;
 * `live` and `container` are real Plex servers: only scenarios written for
 * them (target: { server: any }), or for the fixture a container was seeded
 * to match, run there.
 */
export type RunTarget =
  | { readonly kind: 'replay' }
  | { readonly kind: 'nock' }
  | { readonly kind: 'live'; readonly url: string; readonly token?: string }
  | { readonly kind: 'container'; readonly url: string; readonly token?: string; readonly fixture: string };

export const RUN_TARGETS = ['replay', 'nock', 'live', 'container'] as const;
