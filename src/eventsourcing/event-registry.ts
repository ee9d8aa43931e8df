import type { StoredEvent } from '../eventstore/event-envelope.js';
import type { DomainEvent, DomainEventClass } from './domain-event.js';
import { UnknownEventTypeError } from './unknown-event-type.error.js';

/**
 * The event classes of one aggregate, by stored type name: the only place that ties stored names to
 * classes. Two classes with one type name are refused when the registry is made.
 *
 * ```ts
 * export const ORDER_EVENTS = new EventRegistry<OrderEvent>([OrderPlaced, ItemAdded, OrderShipped]);
 * ```
 */
export class EventRegistry<E extends DomainEvent = DomainEvent> {
  private readonly byType = new Map<string, DomainEventClass<E>>();

  /** @throws Error when two classes declare the same `eventType`. */
  constructor(classes: readonly DomainEventClass<E>[]) {
    for (const type of classes) {
      if (this.byType.has(type.eventType)) throw new Error(`Two event classes are stored as ${type.eventType}`);
      this.byType.set(type.eventType, type);
    }
  }

  /** The stored type names, in the order the classes were given. */
  get eventTypes(): string[] {
    return [...this.byType.keys()];
  }

  /** The class stored as `eventType`, or undefined. */
  classOf(eventType: string): DomainEventClass<E> | undefined {
    return this.byType.get(eventType);
  }

  /**
   * The domain event a stored event (already upcast to its current shape) is, for aggregate `aggregateId`.
   * @throws UnknownEventTypeError for a type this registry does not know.
   */
  toDomainEvent(aggregateId: string, stored: StoredEvent): E {
    const type = this.byType.get(stored.eventType);
    if (!type) throw new UnknownEventTypeError(stored);
    return type.fromData(aggregateId, stored.data, stored.metadata.timestamp);
  }
}
