import { toMajorUnits, toMinorUnits } from '../../../common/money/money.js';
import type { AccountEvent } from './account-event.js';

/** Money was taken out of an account. Stored as `MoneyWithdrawn` `{amount}`. */
export class MoneyWithdrawn implements AccountEvent {
  static readonly eventType = 'MoneyWithdrawn';
  static readonly schemaVersion = 1;

  constructor(
    readonly accountId: string,
    /** Amount in minor units. */
    readonly amount: number,
    readonly occurredAt: number,
  ) {}

  toData(): Record<string, unknown> {
    return { amount: toMajorUnits(this.amount) };
  }

  static fromData(accountId: string, data: Record<string, unknown>, occurredAt: number): MoneyWithdrawn {
    return new MoneyWithdrawn(accountId, toMinorUnits(Number(data.amount)), occurredAt);
  }
}
