import type { Command } from 'commander';
import { serveFixtures } from '../../harness/serveFixtures.js';
import type { CliIo } from '../io.js';
import { collect, integerOption } from '../options.js';

/** `plexmatch serve <fixture-set>`: a replay Plex on 127.0.0.1 until interrupted. */
export function registerServe(program: Command, io: CliIo, running: (stop: Promise<void>) => void): void {
  program
    .command('serve')
    .description('serve a fixture set as a Plex server on 127.0.0.1, with optional faults, until interrupted')
    .argument('<fixture-set>', 'a fixture folder, or a shipped set: linux-docker, windows, macos')
    .option('--port <n>', 'port to listen on (0: any free port)', integerOption('--port', 0, 65535), 0)
    .option('--token <token>', 'answer 401 unless requests carry this X-Plex-Token')
    .option(
      '--fault <spec>',
      'a fault, e.g. reset:path=/library/sections:times=2 (repeatable; see docs/faults.md)',
      collect,
      [],
    )
    .action(async (fixture: string, options: { port: number; token?: string; fault: string[] }) => {
      const served = await serveFixtures({
        fixture,
        port: options.port,
        ...(options.token === undefined ? {} : { token: options.token }),
        faults: options.fault,
        onRequest: (entry) => {
          const paging =
            entry.containerStart === undefined ? '' : ` start=${entry.containerStart} size=${entry.containerSize}`;
          const outcome =
            entry.fault === undefined ? `${entry.status}` : `fault ${entry.fault} (#${entry.faultAttempt})`;
          io.out(`${entry.time} ${entry.method} ${entry.url}${paging} -> ${outcome}`);
        },
      });
      io.out(`plexmatch: serving ${served.fixtureDir} at ${served.server.url}`);
      io.out(`plexmatch: ${served.description}`);
      running(
        new Promise<void>((resolve) => {
          const stop = () => void served.server.close().then(resolve);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        }),
      );
    });
}
