import { SPECIFICATION_T0, StoredEventFactory as KitStoredEventFactory } from '../../src/testing/stored-event-factory.js';

export { type Batching, inBatches } from '../../src/testing/batching.js';
export { ProjectedReadModel, type Tables } from '../../src/testing/projected-read-model.js';
export { projectionSpecification } from '../../src/testing/projection-specification.js';

/** 2026-01-15T09:00:00.000Z, when the factory's events start unless told otherwise. */
export const T0 = SPECIFICATION_T0;

/**
 * The testing kit's StoredEventFactory with the BankAccount events in their stored shapes (amounts in
 * major units), for the bank's projection specs.
 */
export class StoredEventFactory extends KitStoredEventFactory {
  constructor(start = T0) {
    super({ start, aggregateType: 'BankAccount' });
  }

  opened(accountId: string, initialBalance: number, at?: number) {
    return this.event(accountId, 'AccountOpened', { initialBalance }, { at });
  }

  deposited(accountId: string, amount: number, at?: number, transferId?: string) {
    return this.event(accountId, 'MoneyDeposited', transferId === undefined ? { amount } : { amount, transferId }, { at });
  }

  withdrawn(accountId: string, amount: number, at?: number, transferId?: string) {
    return this.event(accountId, 'MoneyWithdrawn', transferId === undefined ? { amount } : { amount, transferId }, { at });
  }

  closed(accountId: string, at?: number) {
    return this.event(accountId, 'AccountClosed', {}, { at });
  }

  /**
   * The history the projection specs cut into every batching: two accounts whose events interleave,
   * money down to the cent, and one account emptied and closed. `at` gives the events' times in order
   * (the rest follow a second apart).
   */
  twoAccountHistory(at: readonly number[] = []) {
    return [
      this.opened('acc-a', 1000, at[0]),
      this.opened('acc-b', 0, at[1]),
      this.deposited('acc-b', 0.1, at[2]),
      this.deposited('acc-a', 0.2, at[3]),
      this.deposited('acc-b', 0.2, at[4]),
      this.withdrawn('acc-a', 1000.2, at[5]),
      this.closed('acc-a', at[6]),
    ];
  }
}
