import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { checkFixtureTarget, saveFixtureSet } from '../../harness/fixtures/saveFixtureSet.js';
import { removeAnonymizeKey, stageAnonymizeKey } from '../../harness/record/anonymizeKeyFile.js';
import { Anonymizer } from '../../harness/record/anonymizer.js';
import { recordFixtureSet } from '../../harness/record/recordFixtureSet.js';
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
  library: string[];
  anonymize?: boolean;
  keepNumbers?: boolean;
  pageSize: number;
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
      .requiredOption('--url <url>', 'your Plex server, e.g. http://192.168.1.10:32400'),
  )
    .option('--token <token>', 'X-Plex-Token (default: the PLEX_TOKEN environment variable)')
    .requiredOption('--out <dir>', 'the fixture folder to write, new or empty, e.g. fixtures/my-plex')
    .option('--force', 'replace the fixture set already in --out (a folder holding anything else is never touched)')
    .option('--library <title>', 'a library to record (repeatable; default: all)', collect, [])
    .option(
      '--anonymize',
      'replace titles, path words, years and ids with consistent pseudonyms and shift or round times, durations and sizes, keeping what matching depends on; the key goes beside the folder, not in it (docs/fixtures.md)',
    )
    .option('--keep-numbers', 'with --anonymize: keep years, times, durations, sizes, bitrates and ratings as recorded')
    .option('--page-size <n>', 'items per listing request', integerOption('--page-size', 1, 10_000), 500)
    .action(async (flags: RecordFlags) => {
      const out = resolve(flags.out);
      // Checked before recording, and again when saving: minutes of recording are not wasted on a refusal.
      checkFixtureTarget(out, { force: flags.force === true });
      const name =
        basename(out)
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-+|-+$/g, '') || 'recorded';
      if (flags.keepNumbers === true && flags.anonymize !== true)
        throw new UsageError('--keep-numbers only applies with --anonymize');
      const anonymizer = flags.anonymize
        ? Anonymizer.withNewKey({ keepNumbers: flags.keepNumbers === true })
        : undefined;
      const bars = new Map<string, ReturnType<typeof progressBar>>();
      // Ctrl-C while recording: the client is closed and nothing is written (the save below is one
      // synchronous step, which a signal waits for, so it never leaves a staging folder behind).
      const set = await untilInterrupted('nothing was written', (signal) =>
        recordFixtureSet({
          signal,
          url: flags.url,
          token: tokenFrom(flags.token),
          tls: tlsFrom(flags, io),
          name,
          pageSize: flags.pageSize,
          anonymizer,
          ...(flags.library.length === 0 ? {} : { libraries: flags.library }),
          onProgress: (section, done, total) => {
            let bar = bars.get(section);
            if (bar === undefined) {
              for (const other of bars.values()) other.stop();
              bar = progressBar(io, `recording "${section}"`);
              bars.set(section, bar);
            }
            bar.update(done, total);
          },
        }),
      ).finally(() => {
        for (const bar of bars.values()) bar.stop();
      });
      // The key is staged first and put in place right after the set: the two land together or not at all.
      const staged = anonymizer === undefined ? undefined : stageAnonymizeKey(out, anonymizer);
      try {
        saveFixtureSet(set, out, set.source, { force: flags.force === true });
      } catch (error) {
        staged?.discard();
        throw error;
      }
      const key = staged?.commit();
      for (const section of set.sections)
        io.out(`recorded "${section.title}" (${section.type}): ${section.items} items`);
      io.out(`wrote ${set.responses.length} responses to ${out}`);
      if (key !== undefined) {
        io.out(
          `anonymize key: ${key} (keep it, do not share it: match and scenario new use it to anonymize your paths)`,
        );
      } else {
        const stale = removeAnonymizeKey(out);
        if (stale !== undefined) io.out(`removed ${stale}: it belonged to an earlier --anonymize recording`);
      }
    });
}
