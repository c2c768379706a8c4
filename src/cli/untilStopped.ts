/** Why a long-running command (serve) stopped. */
export type StopReason = 'signal' | 'parent-gone';

/** How often the parent is checked: a stopped stand-in frees its port before the next command runs. */
const PARENT_CHECK_MS = 200;

/**
 * Resolves when this process is told to stop (SIGINT, SIGTERM) or the
 * process that started it goes away: `kill $!` on `npx plexmatch serve … &`
 * ends npx, not its child, and a stand-in that outlived it would hold the
 * port (the next `serve` on it fails). The parent's going is seen as this
 * process being handed to another parent (init or a subreaper).
 */
export function untilStopped(): Promise<StopReason> {
  const parent = process.ppid;
  return new Promise((resolve) => {
    const stop = (reason: StopReason) => {
      clearInterval(watch);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(reason);
    };
    const onSignal = () => stop('signal');
    const watch = setInterval(() => {
      if (process.ppid !== parent) stop('parent-gone');
    }, PARENT_CHECK_MS);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}
