/** Listeners of one kind of store notification; a throwing listener does not stop the others or the store. */
class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch {
        // a listener's failure is its own business
      }
    }
  }
}

/**
 * The listeners of `EventStore.onAppended`, shared by the adapters. Listeners hear each new head
 * once: a position no higher than one already reported (the same append heard both locally and through
 * a database notification, or a notification arriving late) is not reported again.
 */
export class AppendListeners extends Listeners<number> {
  private head = 0;

  override notify(position: number): void {
    if (position <= this.head) return;
    this.head = position;
    super.notify(position);
  }
}

/** The listeners of `EventStore.onForeignAppend`: streams that another process appended to. */
export class StreamListeners extends Listeners<string> {}
