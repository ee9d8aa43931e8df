import type { StoredEvent } from '../eventstore/event-envelope.js';
import type { EventStore } from '../eventstore/event-store.port.js';

/**
 * Reads the global log for the live projection workers of one process, so that workers at the same
 * checkpoint share one read instead of each fetching (and decoding) the same events.
 *
 * It keeps the last page read. A page answers every `position > after` request whose `after` falls
 * inside it: the store returned every event from its own start up to its last position (for PostgreSQL,
 * only once no earlier transaction could still commit into that range), and the log never changes
 * behind a position, so the page stays a correct answer, if perhaps a shorter one than a fresh read.
 * Concurrent identical reads share one query.
 */
export class SharedEventReader {
  private page: { after: number; events: readonly StoredEvent[] } | null = null;
  private readonly inFlight = new Map<string, Promise<readonly StoredEvent[]>>();

  constructor(private readonly store: EventStore) {}

  read(after: number, limit: number): Promise<readonly StoredEvent[]> {
    const cached = this.fromPage(after, limit);
    if (cached) return Promise.resolve(cached);
    const key = `${after}:${limit}`;
    let read = this.inFlight.get(key);
    if (!read) {
      read = this.store.readAll({ after, limit }).then(
        (events) => {
          this.inFlight.delete(key);
          if (events.length > 0) this.page = { after, events };
          return events;
        },
        (error: unknown) => {
          this.inFlight.delete(key);
          throw error;
        },
      );
      this.inFlight.set(key, read);
    }
    return read;
  }

  private fromPage(after: number, limit: number): readonly StoredEvent[] | null {
    const page = this.page;
    if (!page || after < page.after) return null;
    const { events } = page;
    if (after >= events[events.length - 1].position) return null;
    let low = 0;
    let high = events.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (events[middle].position > after) high = middle;
      else low = middle + 1;
    }
    return events.slice(low, low + limit);
  }
}
