import type { NewEvent } from '../eventstore/event-envelope.js';
import { newEventId } from '../eventstore/event-id.js';
import type { CommandContext } from './command-context.js';

/**
 * What every event of an aggregate offers the store: when it happened and its stored `data`. Events are
 * plain classes; their stored contract (type name, schema version, how to read them back) is on the
 * class, see {@link DomainEventClass}.
 */
export interface DomainEvent {
  /** Milliseconds since the epoch; stored as the event's `metadata.timestamp`. */
  readonly occurredAt: number;
  /** The stored `data`: JSON, in the shape of the class's current `schemaVersion`. */
  toData(): Record<string, unknown>;
}

/**
 * The static side of an event class: its stored contract and how to rebuild it from storage.
 *
 * ```ts
 * class OrderPlaced implements DomainEvent {
 *   static readonly eventType = 'OrderPlaced';
 *   static readonly schemaVersion = 1;
 *   constructor(readonly orderId: string, readonly customer: string, readonly occurredAt: number) {}
 *   toData() { return { customer: this.customer }; }
 *   static fromData(orderId: string, data: Record<string, unknown>, occurredAt: number) {
 *     return new OrderPlaced(orderId, String(data.customer), occurredAt);
 *   }
 * }
 * ```
 */
export interface DomainEventClass<E extends DomainEvent = DomainEvent> {
  /** Stored type name: a contract that never changes with the class name (rename through an upcaster). */
  readonly eventType: string;
  /** Current schema version of `data`; older stored versions reach `fromData` already upcast. */
  readonly schemaVersion: number;
  /** The event of aggregate `aggregateId` that stored `data` at `occurredAt` describes. */
  fromData(aggregateId: string, data: Record<string, unknown>, occurredAt: number): E;
}

/** The stored contract (type name and schema version) of an event instance: its class. */
export function eventClassOf<E extends DomainEvent>(event: E): DomainEventClass<E> {
  return event.constructor as unknown as DomainEventClass<E>;
}

/**
 * The event as the store appends it: a new id (UUIDv7), its contract and data, and the command's ids
 * (`causationId` the command, `correlationId` the request or conversation).
 */
export function toNewEvent(event: DomainEvent, context?: CommandContext): NewEvent {
  const type = eventClassOf(event);
  return {
    id: newEventId(),
    eventType: type.eventType,
    schemaVersion: type.schemaVersion,
    data: event.toData(),
    timestamp: event.occurredAt,
    correlationId: context?.correlationId,
    causationId: context?.commandId,
  };
}
