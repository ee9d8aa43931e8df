import { MoneyMoved } from './money-moved.event.js';

/** Money was taken out of an account. Stored as `MoneyWithdrawn` `{amount}`; a transfer's leg adds `{transferId, toAccountId}`. */
export class MoneyWithdrawn extends MoneyMoved {
  static readonly eventType = 'MoneyWithdrawn';
  static readonly schemaVersion = 1;

  static fromData(accountId: string, data: Record<string, unknown>, occurredAt: number): MoneyWithdrawn {
    return new MoneyWithdrawn(accountId, MoneyMoved.amountOf(data), occurredAt, MoneyMoved.transferOf(data));
  }
}
