import { readFileSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { redactText } from '../client/internal.js';
import type { PathMapping } from '../core/paths/pathMappings.js';
import type { PlexTlsOptions } from '../index.js';

/** What every command shares: where it writes, the usage error, and the option parsers. */

/** Where a command writes: the process's streams, or a test's buffers. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** True when stderr is a terminal (progress output goes there only then). */
  readonly interactive: boolean;
}

/**
 * Writes lines to a stream of this process until its reader goes away:
 * after `plexmatch run | head -1` ends, a write fails with EPIPE, and the
 * rest of the output is dropped quietly, so the command still ends with the
 * exit code it would have had (never a stack trace, never exit 1 for it).
 */
function lineWriter(stream: NodeJS.WriteStream): (line: string) => void {
  let closed = false;
  let watching = false;
  return (line) => {
    if (!watching) {
      watching = true;
      stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE' && !closed) throw error;
        closed = true;
      });
    }
    if (!closed && !stream.destroyed) stream.write(`${line}\n`);
  };
}

/** The process's streams. */
export const processIo: CliIo = {
  out: lineWriter(process.stdout),
  err: lineWriter(process.stderr),
  interactive: Boolean(process.stderr.isTTY),
};

/**
 * The tokens a command line was given, by --token (anywhere in it) or
 * PLEX_TOKEN: nothing it prints may show one (a title can be the server's
 * echo, a usage error can quote an argument).
 */
export function tokensGiven(argv: readonly string[]): string[] {
  const flags = argv.flatMap((arg, i) =>
    arg === '--token' ? [argv[i + 1] ?? ''] : arg.startsWith('--token=') ? [arg.slice('--token='.length)] : [],
  );
  return [...flags, tokenFrom(undefined) ?? ''].filter((token) => token !== '');
}

/** `io` with every one of `secrets` taken out of each line written through it. */
export function redactingIo(io: CliIo, secrets: readonly string[]): CliIo {
  const clean = (line: string) => secrets.reduce((text, secret) => redactText(text, secret), line);
  return { out: (line) => io.out(clean(line)), err: (line) => io.err(clean(line)), interactive: io.interactive };
}

/** A signal that stopped a command before it wrote anything; exit code 128 + the signal's number (130, 143). */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  readonly exitCode: number;
  constructor(signal: 'SIGINT' | 'SIGTERM', what: string) {
    super(`interrupted by ${signal}; ${what}`);
    this.exitCode = signal === 'SIGINT' ? 130 : 143;
  }
}

/**
 * Runs `work` with SIGINT and SIGTERM turned into an abort of its signal
 * (instead of the process dying wherever it is, a half-written folder
 * left behind), then an InterruptedError saying `what` happened.
 */
export async function untilInterrupted<T>(what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => controller.abort(signal);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // Work that finished is kept, even when a signal came during its last, synchronous step (the save):
    // it checks the signal itself before that step.
    return await work(controller.signal).catch((error: unknown) => {
      throw controller.signal.aborted ? new InterruptedError(controller.signal.reason, what) : error;
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** A command line that parses but cannot work (a required pair of options missing); exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * For repeatable options: each occurrence is appended. They have no
 * default (none given is undefined), so --help shows no "(default: [])".
 */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** An integer option within bounds, rejected with a message naming the option. */
export function integerOption(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new InvalidArgumentError(`${name} expects a whole number from ${min} to ${max}`);
    }
    return Number(value);
  };
}

/**
 * `--map from=to`, repeatable, in order; the first `=` splits (Windows paths have no `=`, POSIX ones
 * rarely). A space beside the `=` or at either end would be part of a prefix no path has, and the
 * mapping would silently never apply: it is refused instead.
 */
export function mappingOption(value: string, previous: PathMapping[] = []): PathMapping[] {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1)
    throw new InvalidArgumentError(`--map expects from=to (the app's prefix = Plex's prefix), got "${value}"`);
  const from = value.slice(0, eq);
  const to = value.slice(eq + 1);
  if ([from, to].some((side) => side.trim() !== side))
    throw new InvalidArgumentError(
      `a space beside "=" or at either end would be part of the prefix, and no path would map; write --map ${from.trim()}=${to.trim()}`,
    );
  return [...previous, { from, to }];
}

/**
 * The token from --token, else from PLEX_TOKEN (so it need not appear in
 * shell history or process listings). Never printed: main redacts it (tokensGiven).
 */
export function tokenFrom(flag: string | undefined): string | undefined {
  const env = process.env.PLEX_TOKEN;
  return flag ?? (env === undefined || env === '' ? undefined : env);
}

/** The https flags of every command that takes --url. */
export interface TlsFlags {
  ca?: string;
  tlsServername?: string;
  insecure?: boolean;
}

/** Adds --ca, --tls-servername and --insecure (docs/client.md, "Secure connections"). */
export function tlsOptions(command: Command): Command {
  return command
    .option('--ca <file>', "https: a PEM file of the certificate (or its authority) to trust besides the system's")
    .option('--tls-servername <name>', "https: the name the certificate carries, when it is not the URL's host")
    .option('--insecure', 'https: do not verify the certificate (encrypts, but anyone on the path can read the token)');
}

/**
 * The client options the https flags ask for (the --ca file read here: a missing one is exit 3,
 * naming it). --insecure is said once on stderr, as the client's own warning would be.
 */
export function tlsFrom(flags: TlsFlags, io: CliIo): PlexTlsOptions {
  if (flags.insecure === true)
    io.err(
      'plexmatch: --insecure: the connection is encrypted but the server is not authenticated; anyone on the path can read the token',
    );
  return {
    ...(flags.ca === undefined ? {} : { ca: readFileSync(flags.ca, 'utf8') }),
    ...(flags.tlsServername === undefined ? {} : { servername: flags.tlsServername }),
    ...(flags.insecure === true ? { rejectUnauthorized: false } : {}),
  };
}

/** Where a command reads a library from: a server (--url, --token) or a fixture set (--fixture). */
export interface SourceFlags extends TlsFlags {
  url?: string;
  token?: string;
  fixture?: string;
}

/** How --help shows the source a command needs: exactly one of a server and a fixture set. */
export const SOURCE_USAGE = '(--url <url> [--token <token>] | --fixture <set>)';

/** Adds --url, --token and --fixture (one of --url and --fixture; sourceOf checks that one was given). */
export function sourceOptions(command: Command): Command {
  return tlsOptions(command)
    .addOption(new Option('--url <url>', 'your Plex server, e.g. http://192.168.1.10:32400').conflicts('fixture'))
    .option('--token <token>', 'X-Plex-Token (default: the PLEX_TOKEN environment variable)')
    .addOption(new Option('--fixture <set>', 'a fixture folder or shipped set instead of a server').conflicts('url'));
}

/** The source given to `command`, as the harness takes it; a usage error when there is none. */
export function sourceOf(
  flags: SourceFlags,
  command: string,
  io: CliIo,
): { url: string; token: string | undefined; tls: PlexTlsOptions } | { fixture: string } {
  if (flags.url !== undefined) return { url: flags.url, token: tokenFrom(flags.token), tls: tlsFrom(flags, io) };
  if (flags.fixture !== undefined) return { fixture: flags.fixture };
  throw new UsageError(`${command} needs --url <your server> or --fixture <set>`);
}
