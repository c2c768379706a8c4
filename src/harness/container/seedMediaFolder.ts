import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FixtureError } from '../fixtures/fixtureFiles.js';
import { replaceFolder } from '../replaceFolder.js';
import { describedLibrary, mountPointOf } from './containerTarget.js';
import { seedMedia } from './seedMedia.js';

/** Marks a folder as media plexmatch seeded, so a later seed may replace it and nothing else. */
const MARKER = '.plexmatch-media';

export interface SeededMediaFolder {
  readonly dir: string;
  readonly files: number;
  /** Where the server must see the folder (linux-docker: /data). */
  readonly mountPoint: string;
}

/**
 * `plexmatch seed-media`: the media tree a generated fixture describes
 * (tiny valid videos, no downloads) written into `dir`, for a Plex you run
 * yourself (docker/compose.yaml) to mount at the fixture's mount point. A
 * new or empty folder is filled, an earlier seed replaced; a folder holding
 * anything else is refused, and nothing is deleted that plexmatch did not write.
 */
export function seedMediaFolder(dir: string, fixture = 'linux-docker'): SeededMediaFolder {
  const library = describedLibrary(fixture);
  const mountPoint = mountPointOf(library);
  let files = 0;
  replaceFolder(
    dir,
    {
      what: 'media seeded by plexmatch',
      foreign: (entries) => (entries.includes(MARKER) ? [] : entries),
      hint: 'give a new or empty folder',
      fail: (message) => new FixtureError(message),
    },
    (staging) => {
      files = seedMedia(library, staging, mountPoint).files;
      writeFileSync(join(staging, MARKER), `seeded from ${fixture} by plexmatch seed-media; mount at ${mountPoint}\n`);
    },
  );
  return { dir: resolve(dir), files, mountPoint };
}
