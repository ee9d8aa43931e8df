/**
 * The listeners of `EventStore.onAppended`, shared by the adapters. Listeners hear each new head
 * once: a position no higher than one already reported (the same append heard both locally and through
 * a database notification, or a notification arriving late) is not reported again.
 */
export class AppendListeners {
  private readonly listeners = new Set<(position: number) => void>();
  private head = 0;

  add(listener: (position: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener of a new head; a throwing listener does not stop the others or the append. */
  notify(position: number): void {
    if (position <= this.head) return;
    this.head = position;
    for (const listener of this.listeners) {
      try {
        listener(position);
      } catch {
        // a listener's failure is its own business
      }
    }
  }
}

/** The listeners of `EventStore.onForeignAppend`: streams that another process appended to. */
export class StreamListeners {
  private readonly listeners = new Set<(streamId: string) => void>();

  add(listener: (streamId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(streamId: string): void {
    for (const listener of this.listeners) {
      try {
        listener(streamId);
      } catch {
        // a listener's failure is its own business
      }
    }
  }
}
