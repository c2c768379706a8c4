import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlexHttp, resolveClientConfig } from '../../client/internal.js';
import { PlexClient } from '../../index.js';
import { FixtureError } from '../fixtures/fixtureFiles.js';
import type { LibraryDescription } from '../fixtures/fixtureFromLibrary.js';
import { readLibraryDescription } from '../fixtures/libraryDescription.js';
import { resolveFixtureSet } from '../fixtures/resolveFixtureSet.js';
import type { RunTarget } from '../scenarios/runTarget.js';
import { ContainerRuntimeError } from './containerRuntimeError.js';
import { createSections, type ScanWaitOptions, waitForScan } from './plexSetup.js';
import { ratingKeyTwins } from './ratingKeyTwins.js';
import { seedMedia } from './seedMedia.js';
import { containerRuntimeProblem, startPlexContainer } from './startPlexContainer.js';

export interface ContainerTargetOptions {
  /** The fixture the server is seeded to mirror (a generated set with library.yaml). Default linux-docker. */
  readonly fixture?: string;
  /** A Plex already running with its media mounted (docs/real-plex.md, by hand): set up and used, not started. */
  readonly url?: string;
  readonly token?: string | undefined;
  readonly scan?: ScanWaitOptions;
  /** One line per stage (seeding, starting, creating sections, scanning). */
  readonly onStatus?: (line: string) => void;
}

export interface ContainerTarget {
  readonly target: Extract<RunTarget, { kind: 'container' }>;
  stop(): Promise<void>;
}

/** The folder every location of the description lives under (linux-docker: /data): the mount point. */
export function mountPointOf(library: LibraryDescription): string {
  const roots = new Set(library.sections.flatMap((s) => s.locations.map((l) => `/${l.split('/')[1] ?? ''}`)));
  const [root] = roots;
  if (roots.size !== 1 || root === undefined || root === '/')
    throw new FixtureError(`${library.name}: its sections are not under one POSIX folder, so it cannot be mounted`);
  return root;
}

export function describedLibrary(fixture: string): LibraryDescription {
  return readLibraryDescription(join(resolveFixtureSet(fixture), 'library.yaml'));
}

/**
 * `--target container`: a real Plex seeded with the media a fixture
 * describes, its sections created and scanned, and the map from the
 * fixture's ratingKeys to the server's. Starts the container unless `url`
 * points at one already running.
 */
export async function startContainerTarget(options: ContainerTargetOptions = {}): Promise<ContainerTarget> {
  const fixture = options.fixture ?? 'linux-docker';
  const library = describedLibrary(fixture);
  const mountPoint = mountPointOf(library);
  const status = options.onStatus ?? (() => {});
  let url = options.url;
  let stopContainer = async () => {};
  let mediaDir: string | undefined;
  if (url === undefined) {
    const problem = await containerRuntimeProblem();
    if (problem !== undefined) throw new ContainerRuntimeError(`--target container: ${problem}; see docs/real-plex.md`);
    mediaDir = mkdtempSync(join(tmpdir(), 'plexmatch-media-'));
    const seeded = seedMedia(library, mediaDir, mountPoint);
    status(`seeded ${seeded.files} files for ${fixture} in ${mediaDir}`);
    status('starting the Plex container (the first run pulls the image)');
    const started = await startPlexContainer(mediaDir, mountPoint);
    url = started.url;
    stopContainer = started.stop;
  }
  const stop = async () => {
    await stopContainer();
    if (mediaDir !== undefined) rmSync(mediaDir, { recursive: true, force: true });
  };
  try {
    const http = new PlexHttp(resolveClientConfig(url, options.token, {}));
    try {
      const created = await createSections(http, library.sections);
      status(`created sections: ${created.join(', ') || 'none (they exist)'}; waiting for the scan`);
      const polls = await waitForScan(http, {
        ...options.scan,
        onBusy: (busy) => status(`scanning: ${busy.join(', ')}`),
      });
      status(`scan finished (${polls} polls)`);
    } finally {
      await http.close();
    }
    const client = new PlexClient(url, options.token);
    const ratingKeys = new Map<string, string>();
    try {
      for (const section of library.sections) {
        const items = await (await client.getLibrary(section.title)).all();
        for (const [from, to] of ratingKeyTwins(section.items, items)) ratingKeys.set(from, to);
        status(`"${section.title}": ${items.length} items on the server, ${section.items.length} in the fixture`);
      }
    } finally {
      await client.close();
    }
    return {
      target: {
        kind: 'container',
        url,
        fixture,
        ratingKeys,
        ...(options.token === undefined ? {} : { token: options.token }),
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
