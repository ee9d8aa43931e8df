/** Readers waiting for a projection to reach a global position. */
export class PositionWaiters {
  private readonly waiting = new Set<{ position: number; resolve: (reached: boolean) => void }>();
  private arrivals = new Set<() => void>();

  /** Resolves when the next reader starts waiting, or when `signal` aborts. */
  nextArrival(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const arrived = () => {
        this.arrivals.delete(arrived);
        resolve();
      };
      this.arrivals.add(arrived);
      signal.addEventListener('abort', arrived, { once: true });
    });
  }

  /** Resolves true as soon as `reached(p)` reports p >= position, false after `timeoutMs`. */
  waitFor(position: number, current: number, timeoutMs: number): Promise<boolean> {
    if (current >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: (reached: boolean) => {
          clearTimeout(timer);
          this.waiting.delete(waiter);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => waiter.resolve(false), timeoutMs);
      this.waiting.add(waiter);
      const arrivals = this.arrivals;
      this.arrivals = new Set();
      for (const arrived of arrivals) arrived();
    });
  }

  /** How many reads are waiting. */
  get pending(): number {
    return this.waiting.size;
  }

  reached(position: number): void {
    for (const waiter of this.waiting) if (position >= waiter.position) waiter.resolve(true);
  }
}
