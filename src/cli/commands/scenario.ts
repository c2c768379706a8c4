import { type Command, InvalidArgumentError } from 'commander';
import type { PathMapping } from '../../core/paths/pathMappings.js';
import { newScenario } from '../../harness/index.js';
import { SCENARIO_NAME } from '../../harness/scenarios/scenarioSchema.js';
import { type CliIo, mappingOption, UsageError } from '../commandLine.js';

interface NewFlags {
  fixture: string;
  library: string;
  path: string;
  map?: PathMapping[];
  out?: string;
  force?: boolean;
  name?: string;
}

/** `plexmatch scenario new`: a failing path on a recorded fixture, as a scenario file to review and keep. */
export function registerScenario(program: Command, io: CliIo): void {
  const scenario = program.command('scenario').description('work with scenario files');
  scenario
    .command('new')
    .description("turn a fixture and a path into a scenario file whose expectation is today's result, for review")
    .usage('--fixture <set> --library <title> --path <path> [options]')
    .requiredOption('--fixture <set>', 'a fixture folder (e.g. from plexmatch record) or shipped set')
    .requiredOption('--library <title>', 'the library (section) title')
    .requiredOption('--path <path>', "the file's path as your application sees it")
    .option('--map <from=to>', "path mapping, the app's prefix = Plex's prefix (repeatable)", mappingOption)
    .option('--name <name>', 'the scenario name (kebab-case; default from the file name)', (value: string) => {
      if (!SCENARIO_NAME.test(value)) {
        throw new InvalidArgumentError(`--name must be kebab-case (a-z, 0-9 and -, as run requires), got "${value}"`);
      }
      return value;
    })
    .option('--out <file>', 'write the scenario here, a new file (default: print it)')
    .option('--force', 'replace the file --out names (its review edits are lost)')
    .action(async (flags: NewFlags) => {
      if (flags.force === true && flags.out === undefined) throw new UsageError('--force only applies with --out');
      const made = await newScenario({
        fixture: flags.fixture,
        library: flags.library,
        path: flags.path,
        mappings: flags.map ?? [],
        ...(flags.out === undefined ? {} : { out: flags.out, force: flags.force === true }),
        ...(flags.name === undefined ? {} : { name: flags.name }),
      });
      if (flags.out === undefined) io.out(made.text.trimEnd());
      else io.out(`wrote scenario "${made.name}" (today: ${made.status}) to ${flags.out}; review its expectation`);
    });
}
