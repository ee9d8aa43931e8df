import type { Options } from 'amqplib';
import type { StoredEvent } from '../eventstore/event-envelope.js';

/** One event as the relay publishes it. */
export interface EventMessage {
  /** `<aggregateType>.<eventType>`, e.g. `BankAccount.MoneyDeposited`: bind `BankAccount.*` or `#.MoneyDeposited`. */
  routingKey: string;
  /** The event JSON of `GET /events/stream`. */
  content: Buffer;
  options: Options.Publish;
}

/**
 * The message of a stored event: its JSON as the events API gives it, persistent, with the event id as
 * `messageId` (consumers deduplicate by it: delivery is at least once) and its position, stream and type
 * in the headers, so a consumer can route or check order without parsing the body.
 */
export function eventMessageOf(event: StoredEvent): EventMessage {
  return {
    routingKey: `${event.aggregateType}.${event.eventType}`,
    content: Buffer.from(JSON.stringify(event)),
    options: {
      persistent: true,
      messageId: event.id,
      contentType: 'application/json',
      type: event.eventType,
      timestamp: Math.floor(event.metadata.timestamp / 1000),
      appId: 'event-sourced-bank',
      headers: { position: event.position, aggregateType: event.aggregateType, aggregateId: event.aggregateId },
    },
  };
}
