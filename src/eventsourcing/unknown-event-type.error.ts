import type { StoredEvent } from '../eventstore/event-envelope.js';

/**
 * A stored event of a type its aggregate's registry does not know: written by a newer release, or
 * renamed without an upcaster. The aggregate cannot be rebuilt past it.
 */
export class UnknownEventTypeError extends Error {
  constructor(readonly event: StoredEvent) {
    super(`Unknown ${event.aggregateType} event type ${event.eventType} at position ${event.position}`);
    this.name = 'UnknownEventTypeError';
  }
}
