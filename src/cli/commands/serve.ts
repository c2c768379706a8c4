import type { Command } from 'commander';
import { serveFixtures } from '../../harness/index.js';
import { type CliIo, collect, integerOption, tokenFrom, UsageError } from '../commandLine.js';
import { untilStopped } from '../untilStopped.js';

interface ServeFlags {
  port: number;
  token?: string;
  fault?: string[];
  tls?: boolean;
  synthetic?: number;
  seed: number;
  pageDelayMs?: number;
}

/** `plexmatch serve <fixture-set>`: a replay Plex on 127.0.0.1 until interrupted, or until what started it ends. */
export function registerServe(program: Command, io: CliIo, running: (stop: Promise<void>) => void): void {
  program
    .command('serve')
    .description('serve a fixture set as a Plex server on 127.0.0.1, with optional faults, until interrupted')
    .usage('(<fixture-set> | --synthetic <items>) [options]')
    .argument('[fixture-set]', 'a fixture folder, or a shipped set: linux-docker, windows, macos')
    .option('--port <n>', 'port to listen on (0: any free port)', integerOption('--port', 0, 65535), 0)
    .option(
      '--token <token>',
      'answer 401 unless requests carry this X-Plex-Token (default: the PLEX_TOKEN environment variable)',
    )
    .option(
      '--fault <spec>',
      'a fault, e.g. reset:path=/library/sections:times=2 (repeatable; see docs/faults.md)',
      collect,
    )
    .option(
      '--synthetic <items>',
      'instead of a fixture set: one synthetic movie section "Movies" of this many items, each page made when asked for',
      integerOption('--synthetic', 1, 10_000_000),
    )
    .option(
      '--seed <n>',
      'the random seed of --synthetic (one seed, one set of items)',
      integerOption('--seed', 0, 2 ** 31 - 1),
      1,
    )
    .option(
      '--tls',
      'speak https, with a self-signed certificate made at start; its PEM file is printed (pass it as --ca)',
    )
    .option(
      '--page-delay-ms <ms>',
      'hold every section listing request this long before answering: a slow Plex',
      integerOption('--page-delay-ms', 0, 600_000),
    )
    .action(async (fixture: string | undefined, options: ServeFlags) => {
      if ((fixture === undefined) === (options.synthetic === undefined))
        throw new UsageError('serve needs a fixture set or --synthetic <items>, not both');
      const token = tokenFrom(options.token);
      const served = await serveFixtures({
        ...(fixture === undefined ? {} : { fixture }),
        ...(options.synthetic === undefined ? {} : { synthetic: { count: options.synthetic, seed: options.seed } }),
        ...(options.pageDelayMs === undefined ? {} : { pageDelayMs: options.pageDelayMs }),
        port: options.port,
        tls: options.tls === true,
        ...(token === undefined ? {} : { token }),
        faults: options.fault ?? [],
        onRequest: (entry) => {
          const paging =
            entry.containerStart === undefined ? '' : ` start=${entry.containerStart} size=${entry.containerSize}`;
          const outcome =
            entry.fault === undefined ? `${entry.status}` : `fault ${entry.fault} (#${entry.faultAttempt})`;
          io.out(`${entry.time} ${entry.method} ${entry.url}${paging} -> ${outcome}`);
        },
      });
      io.out(`plexmatch: serving ${served.fixtureDir ?? 'a synthetic section'} at ${served.server.url}`);
      io.out(`plexmatch: ${served.description}`);
      if (served.certificateFile !== undefined)
        io.out(`plexmatch: certificate: ${served.certificateFile} (trust it with --ca ${served.certificateFile})`);
      running(
        untilStopped().then(async (reason) => {
          if (reason === 'parent-gone') io.out('plexmatch: stopping: the process that started serve has ended');
          await served.server.close();
        }),
      );
    });
}
