import type { Command } from 'commander';
import type { PathMapping } from '../../core/paths/pathMappings.js';
import { matchFile } from '../../harness/index.js';
import { type CliIo, mappingOption, SOURCE_USAGE, type SourceFlags, sourceOf, sourceOptions } from '../commandLine.js';
import { EXIT } from '../exitCodes.js';
import { explainMatch, matchSummary } from '../format/explainMatch.js';
import { progressBar } from '../progress.js';

interface MatchFlags extends SourceFlags {
  library: string;
  map?: PathMapping[];
  explain?: boolean;
  json?: boolean;
}

/** `plexmatch match <path>`: which item holds this file, and with --explain why (or why not). */
export function registerMatch(program: Command, io: CliIo, exit: (code: number) => void): void {
  sourceOptions(
    program
      .command('match')
      .description(
        'find the Plex item whose media part is this file; needs --library and exactly one of --url or --fixture; exit 0 when exactly one item matches, 1 otherwise',
      )
      .usage(`<path> --library <title> ${SOURCE_USAGE} [options]`)
      .argument('<path>', "the file's path as your application sees it")
      .requiredOption('--library <title>', 'the library (section) title, exactly as Plex shows it'),
  )
    .option(
      '--map <from=to>',
      "path mapping, the app's prefix = Plex's prefix (repeatable, first match wins)",
      mappingOption,
    )
    .option('--explain', "show the mapping and each strategy's comparisons: why each candidate was kept or rejected")
    .option('--json', 'print the result as JSON')
    .action(async (path: string, flags: MatchFlags) => {
      const source = sourceOf(flags, 'match', io);
      const progress = progressBar(io, `scanning "${flags.library}"`);
      const looked = await matchFile({
        path,
        library: flags.library,
        mappings: flags.map ?? [],
        ...source,
        onProgress: (done, total) => progress.update(done, total),
      }).finally(() => progress.stop());
      const { result } = looked;
      if (flags.json) {
        const { item, candidates, ...rest } = result;
        io.out(
          JSON.stringify(
            {
              ...rest,
              ratingKey: item?.ratingKey,
              title: item?.title,
              candidates: candidates.map(({ item: _item, ...candidate }) => candidate),
              trace: result.trace,
              anonymized: looked.anonymized,
              skipped: { count: looked.skipped.length, items: looked.skipped.slice(0, 10) },
            },
            null,
            2,
          ),
        );
      } else if (flags.explain) {
        if (looked.anonymized) io.out('(anonymized fixture: the path and mappings were anonymized with its key)');
        for (const line of explainMatch(result, looked.skipped)) io.out(line);
      } else io.out(matchSummary(result));
      exit(result.status === 'matched' ? EXIT.ok : EXIT.failed);
    });
}
