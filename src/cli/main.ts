import { runDemo } from './demo.js';

const USAGE = `usage: plexmatch <command>

commands:
  demo    start a loopback Plex with a synthetic library and list it through PlexClient
`;

/** The CLI entry point; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'demo') {
    await runDemo((line) => process.stdout.write(`${line}\n`));
    return 0;
  }
  process.stderr.write(`plexmatch: unknown command "${command}"\n${USAGE}`);
  return 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
