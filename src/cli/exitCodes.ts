import { MatchInputError } from '../core/paths/MatchInputError.js';
import { ContainerRuntimeError } from '../harness/container/containerRuntimeError.js';
import { FaultSpecError } from '../harness/faults/parseFaultSpec.js';
import { FixtureError } from '../harness/fixtures/fixtureFiles.js';
import { PathsFileError } from '../harness/mappings/readPathsFile.js';
import { MissingPeerError } from '../harness/optionalPeer.js';
import { osReason } from '../harness/osReason.js';
import { AnonymizeError } from '../harness/record/anonymizer.js';
import { ScenarioFileError } from '../harness/scenarios/loadScenarios.js';
import { VectorFileError } from '../harness/vectors/loadVectors.js';
import { PlexConfigError, PlexError, PlexPermanentError, PlexTemporaryError } from '../index.js';
import { InterruptedError, UsageError } from './commandLine.js';

/** The exit codes of every plexmatch command (docs/cli.md). */
export const EXIT = {
  /** Done; for `run` every scenario passed; for `match` the path matched one item. */
  ok: 0,
  /** The command worked and the answer is "no": a scenario failed, a path did not match one item. */
  failed: 1,
  /**
   * The command line is wrong, as its text alone shows: an unknown command or flag, a missing or
   * extra argument, a value of the wrong form (a number out of range, a path that is not absolute,
   * a --map, --url, --token or --fault that cannot be one).
   */
  usage: 2,
  /** A well-formed input names something unusable: a fixture, scenario, vector or paths file, a key, a file, folder or port. */
  input: 3,
  /** Plex could not be reached, timed out, or answered "try later" (5xx, 429); no container runtime or optional package for the target asked for. */
  unavailable: 4,
  /** Plex answered and refused: bad token, no such library, a response that is not Plex XML. */
  refused: 5,
  /** A bug: anything else. The message says where to report it. */
  internal: 70,
} as const;

/** An error of the operating system about a file, folder or port the user named (errno code, path or address). */
function isUserIoError(error: unknown): error is NodeJS.ErrnoException & { address?: string; port?: number } {
  if (!(error instanceof Error)) return false;
  const { code, path, syscall } = error as NodeJS.ErrnoException;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && (path !== undefined || syscall !== undefined);
}

/** Errors a user can cause, and the exit code each gets; their message is the one line shown (docs/cli.md). */
export function exitCodeFor(error: unknown): number {
  if (error instanceof InterruptedError) return error.exitCode;
  // What the command was given, refused for its form before any I/O: the path and --map (the
  // matcher's MatchInputError), --url and --token (the client's PlexConfigError), a --fault.
  if (
    error instanceof UsageError ||
    error instanceof FaultSpecError ||
    error instanceof MatchInputError ||
    error instanceof PlexConfigError
  )
    return EXIT.usage;
  if (
    error instanceof FixtureError ||
    error instanceof VectorFileError ||
    error instanceof PathsFileError ||
    error instanceof ScenarioFileError ||
    error instanceof AnonymizeError ||
    isUserIoError(error)
  )
    return EXIT.input;
  if (
    error instanceof PlexTemporaryError ||
    error instanceof ContainerRuntimeError ||
    error instanceof MissingPeerError
  )
    return EXIT.unavailable;
  if (error instanceof PlexPermanentError) return EXIT.refused;
  // A request that failed in a way no class names (not a closed client: that is a bug of ours).
  if (error instanceof PlexError && error.code !== 'CLIENT_CLOSED') return EXIT.unavailable;
  return EXIT.internal;
}

/** The one line an error is shown as: an OS error names its file, folder or port, and the reason in words. */
export function messageFor(error: unknown): string {
  if (isUserIoError(error)) {
    const where = error.path ?? (error.address === undefined ? error.syscall : `${error.address}:${error.port}`);
    return `${where}: ${osReason(error)}`;
  }
  return error instanceof Error ? error.message : String(error);
}
