import type { DomainEvent, DomainEventClass } from '../../../eventsourcing/domain-event.js';

/** What every BankAccount event offers the store: its stored type, schema version and data. */
export interface AccountEvent extends DomainEvent {
  readonly accountId: string;
}

/** The static side of an account event class. */
export type AccountEventClass<E extends AccountEvent = AccountEvent> = DomainEventClass<E>;
