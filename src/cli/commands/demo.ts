import type { Command } from 'commander';
import { runDemo } from '../demo.js';
import type { CliIo } from '../io.js';

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('start a loopback Plex from a synthetic library and list it through PlexClient')
    .action(async () => {
      await runDemo(io.out);
    });
}
