import { main } from '../../src/cli/main.js';

/**
 * The plexmatch CLI in this process: `main(argv, io)` with an io that
 * collects the lines, as a user's terminal would show them (one entry per
 * line; stderr without blank lines, as cliProcess.ts reads a child's).
 * A child process costs about a second of start-up; this, milliseconds.
 */
export interface MainRun {
  readonly code: number;
  readonly stdout: string[];
  readonly stderr: string[];
}

export interface MainOptions {
  /** Set (or, with undefined, removed) in process.env for the call, then restored. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The working directory for the call, then restored. */
  readonly cwd?: string;
}

// process.env and the working directory belong to the whole process: a call that changes them must
// run alone, or another call would see them. Tests in a file run one at a time unless marked concurrent.
let running = 0;
let changing = false;

/** Runs `plexmatch <args>` in process; fails the test if main throws instead of returning an exit code. */
export async function runMain(args: readonly string[], options: MainOptions = {}): Promise<MainRun> {
  const changes = options.env !== undefined || options.cwd !== undefined;
  if (changing || (changes && running > 0))
    throw new Error(
      `runMain(${args.join(' ')}): a call with env or cwd ran beside another; make these tests non-concurrent`,
    );
  running += 1;
  changing = changes;
  const before = Object.entries(options.env ?? {}).map(([name]) => [name, process.env[name]] as const);
  const cwd = process.cwd();
  for (const [name, value] of Object.entries(options.env ?? {})) setEnv(name, value);
  if (options.cwd !== undefined) process.chdir(options.cwd);
  const stdout: string[] = [];
  const stderr: string[] = [];
  try {
    const code = await main(args, {
      out: (line) => stdout.push(...line.split('\n')),
      err: (line) => stderr.push(...line.split('\n').filter(Boolean)),
      interactive: false,
    });
    return { code, stdout, stderr };
  } catch (error) {
    throw new Error(`main(${JSON.stringify(args)}) threw instead of returning an exit code: ${error}`, {
      cause: error,
    });
  } finally {
    process.chdir(cwd);
    for (const [name, value] of before) setEnv(name, value);
    running -= 1;
    changing = false;
  }
}

function setEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
