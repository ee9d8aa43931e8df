import { toMajorUnits, toMinorUnits } from '../../../common/money/money.js';
import type { AccountEvent } from './account-event.js';

/** Money was paid into an account. Stored as `MoneyDeposited` `{amount}`. */
export class MoneyDeposited implements AccountEvent {
  static readonly eventType = 'MoneyDeposited';
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

  static fromData(accountId: string, data: Record<string, unknown>, occurredAt: number): MoneyDeposited {
    return new MoneyDeposited(accountId, toMinorUnits(Number(data.amount)), occurredAt);
  }
}
