/**
 * The optional peer packages of plexmatch: only one feature each needs
 * them, so `npm install plexmatch` does not pull them (package.json
 * peerDependencies, marked optional; a test keeps these ranges equal).
 */
export const OPTIONAL_PEERS = {
  /** `--target nock` (in-process replay). */
  nock: '^15.0.6',
  /** `--target container` when it starts the container itself. */
  testcontainers: '^12.0.4',
} as const;

export type OptionalPeer = keyof typeof OPTIONAL_PEERS;

/** A feature was asked for whose optional package is not installed (exit 4: not available here). */
export class MissingPeerError extends Error {
  override name = 'MissingPeerError';
}

/** The install line that makes `peer` available. */
export function installLine(peer: OptionalPeer): string {
  return `npm install ${peer}@"${OPTIONAL_PEERS[peer]}"`;
}

/** Imports an optional peer, or throws MissingPeerError naming the feature and the install line. */
export async function importPeer<T>(peer: OptionalPeer, feature: string): Promise<T> {
  try {
    return (await import(peer)) as T;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ERR_MODULE_NOT_FOUND' && message.includes(`'${peer}'`))
      throw new MissingPeerError(
        `${feature} needs the optional package ${peer}, which is not installed: ${installLine(peer)}`,
      );
    throw error;
  }
}
