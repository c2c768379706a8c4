import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TestContext } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');
// By file URL, so the CLI can run in any working directory (a temporary one has no node_modules).
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** The plexmatch CLI in a child process (tsx, Node 24), with its output collected line by line. */
export interface CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdout: string[];
  readonly stderr: string[];
  /** Resolves with the first stdout line matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Resolves when stdout has ended: every process writing to it (the CLI, under a shell too) has exited. */
  outputEnded: Promise<void>;
}

export interface StartOptions {
  /**
   * Start the CLI as the child of a shell that stays its parent, as `npx plexmatch` does:
   * `child` is then the shell, and killing it (as `kill $!` does) leaves the CLI running alone.
   */
  readonly underShell?: boolean;
}

/** `env` adds to (or, with undefined, removes from) this process's environment. */
export function startCli(
  ctx: Pick<TestContext, 'onTestFinished'>,
  args: readonly string[],
  cwd = ROOT,
  env: Readonly<Record<string, string | undefined>> = {},
  options: StartOptions = {},
): CliProcess {
  const merged: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const command = [process.execPath, '--import', TSX, MAIN, ...args];
  // `; exit $?` keeps the shell from exec-ing the CLI in its place: it stays the parent. The shell
  // leads a process group of its own, so that the test can end the CLI too if it outlives the shell.
  const child = options.underShell
    ? spawn('sh', ['-c', '"$@"; exit $?', 'plexmatch-parent', ...command], { cwd, env: merged, detached: true })
    : spawn(command[0] as string, command.slice(1), { cwd, env: merged });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      stdout.push(line);
      for (const waiter of [...waiters]) {
        const match = line.match(waiter.pattern);
        if (match) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(match);
        }
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr.push(...chunk.split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const outputEnded = new Promise<void>((resolve) => child.stdout.once('close', () => resolve()));
  ctx.onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    if (options.underShell && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL'); // what is left of its group: a CLI that did not stop
      } catch {
        // ESRCH: nothing left
      }
    }
  });
  return {
    child,
    stdout,
    stderr,
    exited,
    outputEnded,
    waitFor(pattern, timeoutMs = 15_000) {
      const already = stdout.map((line) => line.match(pattern)).find(Boolean);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no stdout line matched ${pattern}; stdout: ${stdout.join(' | ')}; stderr: ${stderr.join(' | ')}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
  };
}

/** Runs the CLI to completion and returns its exit code and output. */
export async function runCli(
  ctx: Pick<TestContext, 'onTestFinished'>,
  args: readonly string[],
  cwd = ROOT,
  env: Readonly<Record<string, string | undefined>> = {},
) {
  const cli = startCli(ctx, args, cwd, env);
  const code = await cli.exited;
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: cli.stdout, stderr: cli.stderr };
}
