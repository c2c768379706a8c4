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
}

/** `env` adds to (or, with undefined, removes from) this process's environment. */
export function startCli(
  ctx: Pick<TestContext, 'onTestFinished'>,
  args: readonly string[],
  cwd = ROOT,
  env: Readonly<Record<string, string | undefined>> = {},
): CliProcess {
  const merged: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], { cwd, env: merged });
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
  ctx.onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return {
    child,
    stdout,
    stderr,
    exited,
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
