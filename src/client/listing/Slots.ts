/**
 * A counting semaphore whose capacity can only go down: the requests a
 * scan may have in flight. Waiters are served lowest `priority` first (the
 * page the caller needs soonest), not first come.
 */
export class Slots {
  #capacity: number;
  #used = 0;
  readonly #waiting: { priority: number; grant: () => void }[] = [];

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get capacity(): number {
    return this.#capacity;
  }

  /** Resolves once a slot is free; rejects when `signal` aborts. */
  acquire(priority: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.#used < this.#capacity && this.#waiting.length === 0) {
      this.#used += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        priority,
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          this.#used += 1;
          resolve();
        },
      };
      const onAbort = () => {
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const after = this.#waiting.findIndex((other) => other.priority > priority);
      this.#waiting.splice(after < 0 ? this.#waiting.length : after, 0, waiter); // kept in priority order
    });
  }

  release(): void {
    this.#used -= 1;
    while (this.#used < this.#capacity && this.#waiting.length > 0) this.#waiting.shift()?.grant();
  }

  /** Lowers the capacity to at most `to` (at least 1); requests already in flight finish. Returns the capacity. */
  lower(to: number): number {
    this.#capacity = Math.max(1, Math.min(this.#capacity, to));
    return this.#capacity;
  }
}
