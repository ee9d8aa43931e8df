import { AggregateRoot } from '@nestjs/cqrs';
import type { DomainEvent } from './domain-event.js';

/**
 * Base of an event-sourced aggregate: an `@nestjs/cqrs` `AggregateRoot` that knows its id and the stream
 * version it was loaded at, so that {@link EventSourcedRepository} appends its new events with that
 * version as the expected one (optimistic concurrency).
 *
 * Command methods check invariants and `apply()` events; `on<EventClassName>` methods only change
 * state (they also run when the aggregate is rebuilt). No I/O and no clock: time is passed in.
 * An aggregate that takes snapshots overrides {@link snapshotState} and {@link restoreState}, and its
 * definition names the state's `snapshotSchemaVersion`.
 *
 * ```ts
 * export class Order extends EventSourcedAggregate<OrderEvent, OrderState> {
 *   private state: OrderState = { ... };
 *   static place(id: string, customer: string, now: number): Order {
 *     const order = new Order(id);
 *     order.apply(new OrderPlaced(id, customer, now));
 *     return order;
 *   }
 *   protected onOrderPlaced(event: OrderPlaced): void { this.state.customer = event.customer; }
 *   snapshotState(): OrderState { return { ...this.state }; }
 *   protected restoreState(state: OrderState): void { this.state = { ...state }; }
 * }
 * ```
 */
export abstract class EventSourcedAggregate<E extends DomainEvent = DomainEvent, S extends object = Record<string, unknown>> extends AggregateRoot<E> {
  /** The stream version this instance holds from the store (snapshot plus events applied from history). */
  private loadedVersion = 0;

  /** An aggregate with no history yet: events applied to it make its state. */
  constructor(readonly id: string) {
    super();
  }

  /** The version the store holds: the expected version of the next append. */
  get persistedVersion(): number {
    return this.loadedVersion;
  }

  /** The version including the events not yet appended. */
  get version(): number {
    return this.loadedVersion + this.getUncommittedEvents().length;
  }

  /**
   * A copy of the state, as a snapshot keeps it: a fixed handful of fields, whatever the history's
   * length. Override it (and {@link restoreState}) to take snapshots.
   * @throws Error when the aggregate takes no snapshots.
   */
  snapshotState(): S {
    throw new Error(`${this.constructor.name} takes no snapshots: override snapshotState() and restoreState()`);
  }

  /**
   * Sets the state from a snapshot's (keep a copy: the caller may reuse the object).
   * @throws Error when the aggregate takes no snapshots.
   */
  protected restoreState(_state: S): void {
    throw new Error(`${this.constructor.name} takes no snapshots: override snapshotState() and restoreState()`);
  }

  /**
   * Rebuilds this blank aggregate from an optional snapshot and the events after it, in stream order.
   * For repositories, caches and tests; returns `this`.
   */
  rehydrate(snapshot: { state: S; version: number } | null, history: readonly E[]): this {
    if (snapshot) {
      this.restoreState(snapshot.state);
      this.loadedVersion = snapshot.version;
    }
    this.loadFromHistory(history as E[]);
    this.loadedVersion += history.length;
    return this;
  }

  /** Its new events are stored at `version`: they are history now (the repository calls this after an append). */
  markPersisted(version: number): void {
    this.loadedVersion = version;
    this.uncommit();
  }
}
