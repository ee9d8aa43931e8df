/** Readers waiting for a projection to reach a global position. */
export class PositionWaiters {
  private readonly waiting = new Set<{ position: number; resolve: (reached: boolean) => void }>();
  private arrivals = new Set<() => void>();

  /** Calls `arrived` once, when the next reader starts waiting; returns a function that cancels it. */
  onNextArrival(arrived: () => void): () => void {
    const once = () => {
      this.arrivals.delete(once);
      arrived();
    };
    this.arrivals.add(once);
    return () => this.arrivals.delete(once);
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
