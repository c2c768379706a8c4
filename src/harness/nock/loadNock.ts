import { importPeer } from '../optionalPeer.js';

/**
 * nock, an optional peer: a MissingPeerError with the install line when it
 * is not installed. Importing it switches interception on for the process.
 */
export function loadNock(): Promise<typeof import('nock')> {
  return importPeer<typeof import('nock')>('nock', '--target nock (in-process replay)');
}
