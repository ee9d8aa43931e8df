/** The listeners of `EventStore.onAppended`, shared by the adapters. */
export class AppendListeners {
  private readonly listeners = new Set<(position: number) => void>();

  add(listener: (position: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener; a throwing listener does not stop the others or the append. */
  notify(position: number): void {
    for (const listener of this.listeners) {
      try {
        listener(position);
      } catch {
        // a listener's failure is its own business
      }
    }
  }
}
