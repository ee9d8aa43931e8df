import { toMajorUnits, toMinorUnits } from '../../../common/money/money.js';
import type { AccountEvent } from './account-event.js';

/** An account came into existence with an opening balance. Stored as `AccountOpened` `{initialBalance}`. */
export class AccountOpened implements AccountEvent {
  static readonly eventType = 'AccountOpened';
  static readonly schemaVersion = 1;

  constructor(
    readonly accountId: string,
    /** Opening balance in minor units. */
    readonly initialBalance: number,
    readonly occurredAt: number,
  ) {}

  toData(): Record<string, unknown> {
    return { initialBalance: toMajorUnits(this.initialBalance) };
  }

  static fromData(accountId: string, data: Record<string, unknown>, occurredAt: number): AccountOpened {
    return new AccountOpened(accountId, toMinorUnits(Number(data.initialBalance ?? 0)), occurredAt);
  }
}
