import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LibraryDescription } from '../fixtures/fixtureFromLibrary.js';
import { tinyMatroska } from './tinyMatroska.js';

/** A section to create on the real server: what the fixture says it is. */
export interface SeededSection {
  readonly title: string;
  readonly type: string;
  /** As the server sees them (under the mount point). */
  readonly locations: readonly string[];
}

export interface SeededMedia {
  readonly sections: readonly SeededSection[];
  readonly files: number;
}

/**
 * Writes the media tree a fixture describes into `dir`, which the container
 * mounts at `mountPoint` (e.g. linux-docker's /data): every Part file as a
 * tiny valid video, every section location as a folder (an empty section
 * too). Names are written byte for byte, so NFD names stay NFD.
 */
export function seedMedia(library: LibraryDescription, dir: string, mountPoint: string): SeededMedia {
  const local = (serverPath: string): string => {
    if (serverPath !== mountPoint && !serverPath.startsWith(`${mountPoint}/`))
      throw new Error(`cannot seed ${serverPath}: it is not under the mount point ${mountPoint}`);
    return join(dir, serverPath.slice(mountPoint.length));
  };
  const video = tinyMatroska();
  const written = new Set<string>();
  for (const section of library.sections) {
    for (const location of section.locations) mkdirSync(local(location), { recursive: true });
    for (const item of section.items)
      for (const media of item.media)
        for (const part of media.parts) {
          const file = local(part.file);
          if (written.has(file)) continue; // a multi-episode file is one file
          mkdirSync(join(file, '..'), { recursive: true });
          writeFileSync(file, video);
          written.add(file);
        }
  }
  return {
    sections: library.sections.map(({ title, type, locations }) => ({ title, type, locations })),
    files: written.size,
  };
}
