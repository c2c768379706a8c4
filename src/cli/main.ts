import { Command, CommanderError } from 'commander';
import { PLEXMATCH_VERSION } from '../version.js';
import { type CliIo, processIo, redactingIo, tokensGiven } from './commandLine.js';
import { registerDemo } from './commands/demo.js';
import { registerMappings } from './commands/mappings.js';
import { registerMatch } from './commands/match.js';
import { registerRecord } from './commands/record.js';
import { registerRun } from './commands/run.js';
import { registerScenario } from './commands/scenario.js';
import { registerSeedMedia } from './commands/seedMedia.js';
import { registerServe } from './commands/serve.js';
import { EXIT, exitCodeFor, messageFor } from './exitCodes.js';

/**
 * The plexmatch command line: a thin shell over the library. Every command
 * is also an API; this file only parses arguments, prints, and turns
 * errors into one line on stderr and a documented exit code (docs/cli.md).
 * Whatever `io` it is given, no line reaches it holding a token the command
 * line was given.
 */
export async function main(argv: readonly string[], given: CliIo = processIo): Promise<number> {
  const io = redactingIo(given, tokensGiven(argv));
  let longRunning: Promise<void> | undefined;
  let code: number = EXIT.ok;
  const exit = (value: number) => {
    code = value;
  };
  const program = new Command('plexmatch')
    .description('Which Plex item is this file? A Plex client, a path matcher, and a conformance harness.')
    .version(PLEXMATCH_VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
      // One line per usage error, in the same voice as every other error.
      outputError: (text, write) => write(`plexmatch: ${text.replace(/^error: /, '').trim()} (see plexmatch --help)\n`),
    });
  registerDemo(program, io);
  registerRun(program, io, exit, async (options) => {
    // Loaded on demand; testcontainers, an optional peer, only when a container is started.
    const { startContainerTarget } = await import('../harness/container/containerTarget.js');
    return startContainerTarget({ ...options, onStatus: (line) => io.err(`plexmatch: ${line}`) });
  });
  registerMatch(program, io, exit);
  registerMappings(program, io, exit);
  registerRecord(program, io);
  registerScenario(program, io);
  registerSeedMedia(program, io);
  registerServe(program, io, (stop) => {
    longRunning = stop;
  });
  const configure = (command: Command) => {
    command.exitOverride().configureOutput(program.configureOutput());
    for (const sub of command.commands) configure(sub);
  };
  for (const command of program.commands) configure(command);

  try {
    await program.parseAsync(argv, { from: 'user' });
    await longRunning;
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with exitCode 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const code = exitCodeFor(error);
    const message = messageFor(error);
    io.err(
      code === EXIT.internal
        ? `plexmatch: internal error: ${message} (please report it with the command you ran)`
        : `plexmatch: ${message}`,
    );
    return code;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
