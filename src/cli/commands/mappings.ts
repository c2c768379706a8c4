import type { Command } from 'commander';
import type { UnexplainedReason } from '../../core/mappings/suggestMappings.js';
import { type SourceSuggestion, suggestSourceMappings } from '../../harness/index.js';
import { type CliIo, integerOption, SOURCE_USAGE, type SourceFlags, sourceOf, sourceOptions } from '../commandLine.js';
import { EXIT } from '../exitCodes.js';
import { type Progress, progressBar } from '../progress.js';

interface SuggestFlags extends SourceFlags {
  library: string;
  pathsFrom: string;
  json?: boolean;
  minPaths: number;
}

const REASONS: Readonly<Record<UnexplainedReason, string>> = {
  not_in_plex: 'not in Plex (no Part file has its name)',
  ambiguous: 'ambiguous (a file name shared by several Part files, none closer than the others)',
  too_little_evidence: 'too little evidence (a rule only it supports)',
  conflicting_evidence: 'conflicting evidence (its folder maps elsewhere in more paths)',
};

/** One shell word, for the --map flags to paste. */
const shellWord = (text: string) => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

/** The human report: rules with counts and an example, the unexplained summarised, the flags to paste. */
function report(io: CliIo, suggestion: SourceSuggestion, library: string): void {
  const { mappings, unexplained, unchanged } = suggestion;
  io.out(
    `${mappings.length} rule(s) from ${suggestion.sampled} path(s), library "${library}" (${suggestion.items} items)${suggestion.anonymized ? ', in the anonymized fixture’s pseudonyms' : ''}:`,
  );
  const width = Math.max(0, ...mappings.map((m) => `${m.from} → ${m.to}`.length));
  for (const m of mappings) {
    const example = m.examples[0];
    io.out(
      `  ${`${m.from} → ${m.to}`.padEnd(width)}  ${String(m.matched).padStart(6)} path(s)${example === undefined ? '' : `  e.g. ${example.path} → ${example.file}`}`,
    );
  }
  if (unchanged > 0) io.out(`${unchanged} path(s) are already Plex's paths (no mapping needed)`);
  if (unexplained.count > 0) {
    const reasons = Object.entries(unexplained.byReason)
      .filter(([, count]) => count > 0)
      .map(([why, count]) => `${count} ${REASONS[why as UnexplainedReason]}`);
    io.out(`${unexplained.count} path(s) explained by no rule: ${reasons.join('; ')}. For example:`);
    for (const sample of unexplained.samples) io.out(`  ${sample.path}  (${sample.why.replace(/_/g, ' ')})`);
  }
  const { unusable } = suggestion;
  if (unusable.count > 0) {
    io.out(`${unusable.count} path(s) unusable (matchPath refuses them, so they are no evidence). For example:`);
    for (const sample of unusable.samples) io.out(`  ${sample.path}  (${sample.reason})`);
  }
  if (mappings.length > 0 && !suggestion.anonymized) {
    io.out('For plexmatch match (and the mappings option of matchPath):');
    io.out(`  ${mappings.map((m) => `--map ${shellWord(`${m.from}=${m.to}`)}`).join(' ')}`);
  }
}

/** `plexmatch mappings suggest`: the prefix mappings your application's paths need (docs/matching.md §8). */
export function registerMappings(program: Command, io: CliIo, exit: (code: number) => void): void {
  const mappings = program.command('mappings').description('work with path mappings');
  sourceOptions(
    mappings
      .command('suggest')
      .description(
        "suggest the --map rules that make your application's paths the library's Part files; needs --library, --paths-from and exactly one of --url or --fixture",
      )
      .usage(`--library <title> --paths-from <file> ${SOURCE_USAGE} [options]`)
      .requiredOption('--library <title>', 'the library (section) title')
      .requiredOption('--paths-from <file>', "a file of your application's paths, one per line (UTF-8)"),
  )
    .option('--min-paths <n>', 'fewest paths a rule needs', integerOption('--min-paths', 1, 1_000_000), 2)
    .option('--json', 'print the result as one JSON document (schema: docs/matching.md §8)')
    .action(async (flags: SuggestFlags) => {
      const source = sourceOf(flags, 'mappings suggest', io);
      let scanning: Progress | undefined = progressBar(io, `scanning "${flags.library}"`);
      // One bar per pass over the paths file, in MB read (its lines are not counted before the end).
      let reading: { pass: number; bar: Progress } | undefined;
      const suggestion = await suggestSourceMappings({
        library: flags.library,
        pathsFrom: flags.pathsFrom,
        minPaths: flags.minPaths,
        ...source,
        onProgress: (done, total) => scanning?.update(done, total),
        onSampleProgress: (pass, read, total) => {
          if (reading?.pass !== pass) {
            scanning?.stop();
            scanning = undefined;
            reading?.bar.stop();
            reading = { pass, bar: progressBar(io, `reading the paths, pass ${pass} (MB)`) };
          }
          reading.bar.update(Math.ceil(read / 1e6), Math.ceil(total / 1e6));
        },
      }).finally(() => {
        scanning?.stop();
        reading?.bar.stop();
      });
      if (flags.json) io.out(JSON.stringify(suggestion, null, 2));
      else report(io, suggestion, flags.library);
      exit(suggestion.mappings.length > 0 ? EXIT.ok : EXIT.failed);
    });
}
