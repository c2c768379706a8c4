import { SingleBar } from 'cli-progress';
import type { CliIo } from './commandLine.js';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

const silent: Progress = { update: () => {}, stop: () => {} };

/** A progress bar on stderr when it is a terminal; nothing at all otherwise (pipes, CI logs, tests). */
export function progressBar(io: CliIo, label: string): Progress {
  if (!io.interactive) return silent;
  const bar = new SingleBar({
    format: `${label} [{bar}] {value}/{total}`,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: true,
  });
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
