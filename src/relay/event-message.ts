import type { StoredEvent } from '../eventstore/event-envelope.js';

/** One event as the relay publishes it. */
export interface EventMessage {
  /** `<aggregateType>.<eventType>`, e.g. `BankAccount.MoneyDeposited`: bind `BankAccount.*` or `#.MoneyDeposited`. */
  routingKey: string;
  /** The event JSON of `GET /events/stream`. */
  content: string;
  /** The event id: consumers deduplicate by it (delivery is at least once). */
  messageId: string;
}

/**
 * The message of a stored event: its JSON as the events API gives it (position included), published
 * persistent, `application/json`, with the event id as `messageId`. Nothing else: the body has the
 * rest, and each further property (a headers table most) costs encoding time for every event.
 */
export function eventMessageOf(event: StoredEvent): EventMessage {
  return { routingKey: `${event.aggregateType}.${event.eventType}`, content: JSON.stringify(event), messageId: event.id };
}
