import { type Command, Option } from 'commander';
import { type RecordedItems, recordFixtureFolder } from '../../harness/index.js';
import {
  type CliIo,
  collect,
  integerOption,
  type TlsFlags,
  tlsFrom,
  tlsOptions,
  tokenFrom,
  UsageError,
  untilInterrupted,
} from '../commandLine.js';
import { progressBar } from '../progress.js';

interface RecordFlags extends TlsFlags {
  url: string;
  token?: string;
  out: string;
  library?: string[];
  anonymize?: boolean;
  keepNumbers?: boolean;
  pageSize: number;
  items: RecordedItems;
  force?: boolean;
}

/** `plexmatch record`: a fixture set from a real server, to replay offline and attach to bug reports. */
export function registerRecord(program: Command, io: CliIo): void {
  tlsOptions(
    program
      .command('record')
      .description(
        'record what replaying your libraries offline needs into a fixture folder (the token is never written)',
      )
      .usage('--url <url> --out <dir> [options]')
      .requiredOption('--url <url>', 'your Plex server, e.g. http://192.168.1.10:32400'),
  )
    .option('--token <token>', 'X-Plex-Token (default: the PLEX_TOKEN environment variable)')
    .requiredOption('--out <dir>', 'the fixture folder to write, new or empty, e.g. fixtures/my-plex')
    .option('--force', 'replace the fixture set already in --out (a folder holding anything else is never touched)')
    .option('--library <title>', 'a library to record (repeatable; default: all)', collect)
    .option(
      '--anonymize',
      'replace titles, path words, years and ids with consistent pseudonyms and shift or round times, durations and sizes, keeping what matching depends on; the key goes beside the folder, not in it (docs/fixtures.md)',
    )
    .option('--keep-numbers', 'with --anonymize: keep years, times, durations, sizes, bitrates and ratings as recorded')
    .option('--page-size <n>', 'items per listing request', integerOption('--page-size', 1, 10_000), 500)
    .addOption(
      new Option(
        '--items <what>',
        "full: also each item's own answer and the children of shows and seasons, which clients ask for (one request per item); listing: the listings only, for a big library recorded for matching",
      )
        .choices(['full', 'listing'])
        .default('full'),
    )
    .action(async (flags: RecordFlags) => {
      if (flags.keepNumbers === true && flags.anonymize !== true)
        throw new UsageError('--keep-numbers only applies with --anonymize');
      const bars = new Map<string, ReturnType<typeof progressBar>>();
      // Ctrl-C while recording: the client is closed and nothing is written (the save at the end is one
      // synchronous step, which a signal waits for, so it never leaves a staging folder behind).
      const recorded = await untilInterrupted('nothing was written', (signal) =>
        recordFixtureFolder({
          signal,
          url: flags.url,
          token: tokenFrom(flags.token),
          out: flags.out,
          force: flags.force === true,
          tls: tlsFrom(flags, io),
          pageSize: flags.pageSize,
          items: flags.items,
          ...(flags.anonymize === true ? { anonymize: { keepNumbers: flags.keepNumbers === true } } : {}),
          ...(flags.library === undefined ? {} : { libraries: flags.library }),
          onProgress: (section, done, total, stage) => {
            const label = `recording "${section}"${stage === 'items' ? ' items' : ''}`;
            let bar = bars.get(label);
            if (bar === undefined) {
              for (const other of bars.values()) other.stop();
              bar = progressBar(io, label);
              bars.set(label, bar);
            }
            bar.update(done, total);
          },
        }),
      ).finally(() => {
        for (const bar of bars.values()) bar.stop();
      });
      const { set, dir } = recorded;
      for (const section of set.sections) {
        io.out(`recorded "${section.title}" (${section.type}): ${section.items} items`);
        if (flags.items === 'full')
          io.out(`recorded "${section.title}": ${section.answers} item answers and children listings`);
        if (section.missing > 0)
          io.out(
            `"${section.title}": ${section.missing} item answers were 404 (items deleted while recording, or a server that does not answer single items) and are not in the set`,
          );
      }
      io.out(`wrote ${set.responses.length} responses to ${dir}`);
      if (recorded.keyFile !== undefined)
        io.out(
          `anonymize key: ${recorded.keyFile} (keep it, do not share it: match and scenario new use it to anonymize your paths)`,
        );
      if (recorded.removedKeyFile !== undefined)
        io.out(`removed ${recorded.removedKeyFile}: it belonged to an earlier --anonymize recording`);
    });
}
