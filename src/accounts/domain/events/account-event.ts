/** What every BankAccount event offers the store: its stored type, schema version and data. */
export interface AccountEvent {
  readonly accountId: string;
  /** Milliseconds since the epoch; stored as the event's `metadata.timestamp`. */
  readonly occurredAt: number;
  /** The stored `data` (decimal amounts, the seed's shape). */
  toData(): Record<string, unknown>;
}

/** The static side of an account event class: its stored contract and how to rebuild it from storage. */
export interface AccountEventClass<E extends AccountEvent = AccountEvent> {
  /** Stored type name: a contract that never changes with the class name. */
  readonly eventType: string;
  /** Current schema version of `data`. */
  readonly schemaVersion: number;
  fromData(accountId: string, data: Record<string, unknown>, occurredAt: number): E;
}
