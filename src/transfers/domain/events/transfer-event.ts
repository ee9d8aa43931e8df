import type { DomainEvent, DomainEventClass } from '../../../eventsourcing/domain-event.js';

/** What every Transfer event offers the store: its stored type, schema version and data. */
export interface TransferEvent extends DomainEvent {
  readonly transferId: string;
}

/** The static side of a Transfer event class. */
export type TransferEventClass<E extends TransferEvent = TransferEvent> = DomainEventClass<E>;
