/**
 * Where the client reports what it does. Console-compatible on purpose:
 * `console` itself is a valid logger, and so is any pino/winston instance,
 * without the library depending on one.
 */
export interface PlexLogger {
  warn(message: string, ...rest: unknown[]): void;
  debug?(message: string, ...rest: unknown[]): void;
}

/** The default: say nothing. */
export const silentLogger: PlexLogger = { warn() {} };
