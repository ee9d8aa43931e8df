import type { DomainEvent } from './domain-event.js';
import type { EventRegistry } from './event-registry.js';
import type { EventSourcedAggregate } from './event-sourced-aggregate.js';

/**
 * What {@link EventSourcedRepository} needs to know of an aggregate type: its stored name, its events,
 * how to make a blank one, and whether (at which state schema) it takes snapshots.
 *
 * ```ts
 * export const ORDER: AggregateDefinition<Order> = {
 *   aggregateType: 'Order',
 *   events: ORDER_EVENTS,
 *   create: (id) => new Order(id),
 *   streamPrefix: 'order:',
 *   snapshotSchemaVersion: 1,
 * };
 * ```
 */
export interface AggregateDefinition<A extends EventSourcedAggregate<E, any>, E extends DomainEvent = DomainEvent> {
  /** Stored stream type (the `aggregateType` of its events): a contract, like event type names. */
  readonly aggregateType: string;
  /** Its event classes by stored type name. */
  readonly events: EventRegistry<E>;
  /** A blank aggregate with this id, before any event. */
  create(id: string): A;
  /**
   * Prefix of the aggregates' stream ids (default none: the stream id is the aggregate id). Stream ids
   * are unique across aggregate types, so a type whose ids may meet another's is stored under a prefix
   * (`transfer:`), ending in a character its ids never contain. The prefix is internal: events read
   * through EventStoreModule's store carry the aggregate id (the repository registers the prefix with
   * its StreamNames).
   */
  readonly streamPrefix?: string;
  /**
   * Version of the snapshot state's shape. Set it when the aggregate overrides `snapshotState` and
   * `restoreState`: the repository then saves snapshots and loads from the newest one of this version
   * (snapshots of another version are ignored, so a changed shape is rebuilt from events). Raise it
   * whenever the shape changes. Unset: no snapshots, the aggregate is rebuilt from its whole stream.
   */
  readonly snapshotSchemaVersion?: number;
}
