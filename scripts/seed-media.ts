/**
 * Writes the media tree of a fixture (default linux-docker) into a folder, for
 * docker/compose.yaml to mount at the fixture's mount point:
 *   npm run seed-media -- docker/media [fixture]
 */
import { rmSync } from 'node:fs';
import { describedLibrary, mountPointOf } from '../src/harness/container/containerTarget.js';
import { seedMedia } from '../src/harness/container/seedMedia.js';

const [dir, fixture = 'linux-docker'] = process.argv.slice(2);
if (dir === undefined) {
  console.error('usage: npm run seed-media -- <folder> [fixture]');
  process.exit(2);
}
const library = describedLibrary(fixture);
rmSync(dir, { recursive: true, force: true });
const seeded = seedMedia(library, dir, mountPointOf(library));
console.log(`wrote ${seeded.files} files of ${fixture} into ${dir} (mount it at ${mountPointOf(library)})`);
