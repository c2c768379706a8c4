import { LibraryIndex, PlexClient, type PlexTlsOptions } from '../../index.js';
import { anonymizerFor } from '../record/anonymizeKeyFile.js';
import type { Anonymizer } from '../record/anonymizer.js';
import { serveFixtures } from '../serveFixtures.js';

/** Where a library is read from: a real server, or a fixture set served on loopback for the call. */
export interface LibrarySource {
  /** The library (section) title. */
  readonly library: string;
  /** A real server … */
  readonly url?: string;
  readonly token?: string | undefined;
  /** How the server's https is checked (ignored for a fixture). */
  readonly tls?: PlexTlsOptions;
  /** … or a fixture set, served on a loopback replay server for the lookup. */
  readonly fixture?: string;
  readonly connectTimeoutMs?: number;
  readonly readTimeoutMs?: number;
  /** Listing progress (items so far, total), for a big section. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What a command over one library works with. */
export interface OpenedSource {
  /**
   * For a fixture recorded with --anonymize whose key is on this machine:
   * the anonymizer, so the user's real paths are looked up as their pseudonyms.
   */
  readonly anonymizer: Anonymizer | undefined;
  readonly fixtureDir: string | undefined;
  /** The library, scanned into an index (one paged scan). */
  index(): Promise<LibraryIndex>;
}

/**
 * Opens a source for `use` and closes everything after it, whatever
 * happens (the fixture server, the client's sockets): a damaged key or a
 * failed scan never leaves a server running.
 */
export async function withLibrary<T>(source: LibrarySource, use: (opened: OpenedSource) => Promise<T>): Promise<T> {
  if ((source.url === undefined) === (source.fixture === undefined)) throw new TypeError('give either url or fixture');
  const served = source.fixture === undefined ? undefined : await serveFixtures({ fixture: source.fixture });
  let client: PlexClient | undefined;
  try {
    const anonymizer = served?.fixtureDir === undefined ? undefined : anonymizerFor(served.fixtureDir);
    return await use({
      anonymizer,
      fixtureDir: served?.fixtureDir,
      index: async () => {
        client = new PlexClient(served?.server.url ?? (source.url as string), served ? undefined : source.token, {
          ...(source.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: source.connectTimeoutMs }),
          ...(source.readTimeoutMs === undefined ? {} : { readTimeoutMs: source.readTimeoutMs }),
          ...(served ? {} : source.tls),
        });
        return LibraryIndex.fromLibrary(await client.getLibrary(source.library), source.onProgress);
      },
    });
  } finally {
    await client?.close();
    await served?.server.close();
  }
}
