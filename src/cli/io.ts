/** Where a command writes: the process's streams, or a test's buffers. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** True when stderr is a terminal (progress output goes there only then). */
  readonly interactive: boolean;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  interactive: Boolean(process.stderr.isTTY),
};
