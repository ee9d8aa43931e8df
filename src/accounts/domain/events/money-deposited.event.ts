import { MoneyMoved } from './money-moved.event.js';

/**
 * Money was paid into an account. Stored as `MoneyDeposited` `{amount}`; a transfer's deposit leg adds
 * `{transferId, fromAccountId}`, the refund of a failed transfer `{transferId, reason}`.
 */
export class MoneyDeposited extends MoneyMoved {
  static readonly eventType = 'MoneyDeposited';
  static readonly schemaVersion = 1;

  static fromData(accountId: string, data: Record<string, unknown>, occurredAt: number): MoneyDeposited {
    return new MoneyDeposited(accountId, MoneyMoved.amountOf(data), occurredAt, MoneyMoved.transferOf(data));
  }
}
