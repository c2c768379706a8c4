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
  /** Client timers whose callback ran after the work had settled: they were left behind, then fired. */
  const firedAfter = new Set<number>();
  let settled = false;
  const hook = createHook({
    init(id, type) {
      if (type === 'Timeout' && /src[\\/]client[\\/]/.test(new Error().stack ?? '')) pending.add(id);
    },
    before(id) {
      if (settled && pending.has(id)) firedAfter.add(id);
    },
    destroy(id) {
      pending.delete(id);
    },
  });
  hook.enable();
  try {
    const outcome = await work().catch((error: unknown) => ({ error }));
    settled = true;
    // Destroy hooks of cleared timers run asynchronously, later on a busy machine: wait for them (up to
    // 2 s). A timer left running is caught either way: still pending then, or seen firing meanwhile.
    const until = performance.now() + 2000;
    while (pending.size > 0 && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 1));
    return { outcome, timers: pending.size + firedAfter.size };
  } finally {
    hook.disable();
  }
}
