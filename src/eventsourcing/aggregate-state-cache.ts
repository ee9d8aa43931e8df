import { LRUCache } from 'lru-cache';

/** A cached aggregate state and the stream version it is at. */
export interface CachedState<S> {
  state: S;
  version: number;
}

/**
 * The snapshot states of recently written aggregates, by stream id, so that a command usually skips
 * reading the store. A hint, never the truth: an append decided on a stale entry fails its expected
 * version and is decided again on the store's state (see `EventSourcedRepository.execute`).
 */
export class AggregateStateCache<S> {
  private readonly entries: LRUCache<string, CachedState<S>>;

  constructor(max: number) {
    this.entries = new LRUCache({ max });
  }

  get(streamId: string): CachedState<S> | undefined {
    return this.entries.get(streamId);
  }

  /** Remembers the state as persisted at `version`. */
  remember(streamId: string, state: S, version: number): void {
    this.entries.set(streamId, { state, version });
  }

  forget(streamId: string): void {
    this.entries.delete(streamId);
  }
}
