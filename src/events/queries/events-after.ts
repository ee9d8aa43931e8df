import type { StoredEvent } from '../../eventstore/event-envelope.js';
import type { EventStore } from '../../eventstore/event-store.port.js';

/** Events read per page. */
const PAGE = 1000;

/**
 * The stored events after `after` (only of `eventTypes`, when given) in position order, read a page at a
 * time as the consumer pulls them, up to position `until` when given, else up to the first empty page.
 */
export async function* eventsAfter(
  store: EventStore,
  { after, eventTypes, until = Infinity }: { after: number; eventTypes?: string[]; until?: number },
): AsyncGenerator<StoredEvent> {
  let position = after;
  while (position < until) {
    const page = await store.readAll({ after: position, limit: PAGE, eventTypes });
    if (page.length === 0) return;
    for (const event of page) {
      if (event.position > until) return;
      yield event;
    }
    position = page[page.length - 1].position;
  }
}
