import type { CommandContext } from '../command-context.js';
import type { NewEvent, StoredEvent } from '../../eventstore/event-envelope.js';
import { newEventId } from '../../eventstore/event-id.js';

/** What every event of an aggregate offers the store: its time and its stored `data`. */
export interface DomainEvent {
  /** Milliseconds since the epoch; stored as the event's `metadata.timestamp`. */
  readonly occurredAt: number;
  /** The stored `data` (decimal amounts). */
  toData(): Record<string, unknown>;
}

/** The static side of an event class: its stored contract and how to rebuild it from storage. */
export interface DomainEventClass<E extends DomainEvent = DomainEvent> {
  /** Stored type name: a contract that never changes with the class name. */
  readonly eventType: string;
  /** Current schema version of `data`. */
  readonly schemaVersion: number;
  fromData(aggregateId: string, data: Record<string, unknown>, occurredAt: number): E;
}

/** The stored contract (type name and schema version) of an event instance. */
export function eventClassOf<E extends DomainEvent>(event: E): DomainEventClass<E> {
  return event.constructor as unknown as DomainEventClass<E>;
}

/** The event as the store appends it: a new id, its contract and data, and the command's ids. */
export function toNewEvent(event: DomainEvent, context: CommandContext): NewEvent {
  const type = eventClassOf(event);
  return {
    id: newEventId(),
    eventType: type.eventType,
    schemaVersion: type.schemaVersion,
    data: event.toData(),
    timestamp: event.occurredAt,
    correlationId: context.correlationId,
    causationId: context.commandId,
  };
}

/**
 * The domain event a stored event is, by its type in `classes` (an aggregate's registry), for the
 * aggregate `aggregateId`. @throws Error for a type the aggregate does not know.
 */
export function toDomainEvent<E extends DomainEvent>(
  classes: ReadonlyMap<string, DomainEventClass<E>>,
  aggregateId: string,
  stored: StoredEvent,
): E {
  const type = classes.get(stored.eventType);
  if (!type) throw new Error(`Unknown ${stored.aggregateType} event type ${stored.eventType} at position ${stored.position}`);
  return type.fromData(aggregateId, stored.data, stored.metadata.timestamp);
}
