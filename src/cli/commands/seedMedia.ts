import type { Command } from 'commander';
import { seedMediaFolder } from '../../harness/index.js';
import type { CliIo } from '../commandLine.js';

/** `plexmatch seed-media`: the media a real Plex needs to mirror a fixture, for docker/compose.yaml. */
export function registerSeedMedia(program: Command, io: CliIo): void {
  program
    .command('seed-media')
    .description(
      'write the media tree of a generated fixture (tiny videos) into a folder, for a Plex you run yourself to mount',
    )
    .argument('<dir>', 'a new or empty folder (or one an earlier seed-media wrote)')
    .option('--fixture <set>', 'a generated fixture set (with library.yaml)', 'linux-docker')
    .action((dir: string, flags: { fixture: string }) => {
      const seeded = seedMediaFolder(dir, flags.fixture);
      io.out(`wrote ${seeded.files} files of ${flags.fixture} into ${seeded.dir} (mount it at ${seeded.mountPoint})`);
    });
}
