import { createHook } from 'node:async_hooks';

/**
 * Runs `work` and counts the timers that code under src/client/ created
 * during it and left pending once it settled (async_hooks sees every
 * Timeout; its stack says who made it). The count is of the whole process:
 * run such tests one at a time.
 */
export async function clientTimersLeft<T>(
  work: () => Promise<T>,
): Promise<{ outcome: T | { error: unknown }; timers: number }> {
  const pending = new Set<number>();
  const hook = createHook({
    init(id, type) {
      if (type === 'Timeout' && /src[\\/]client[\\/]/.test(new Error().stack ?? '')) pending.add(id);
    },
    destroy(id) {
      pending.delete(id);
    },
  });
  hook.enable();
  try {
    const outcome = await work().catch((error: unknown) => ({ error }));
    // Destroy hooks run asynchronously: give them up to 100 ms, and stop as soon as none is pending.
    const until = performance.now() + 100;
    while (pending.size > 0 && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 1));
    return { outcome, timers: pending.size };
  } finally {
    hook.disable();
  }
}
