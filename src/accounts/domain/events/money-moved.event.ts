import { toMajorUnits, toMinorUnits } from '../../../common/money/money.js';
import type { AccountEvent } from './account-event.js';

/** What deposits and withdrawals share: an amount (minor units) moved at a time. Stored as `{amount}`. */
export abstract class MoneyMoved implements AccountEvent {
  constructor(
    readonly accountId: string,
    /** Amount in minor units. */
    readonly amount: number,
    readonly occurredAt: number,
  ) {}

  toData(): Record<string, unknown> {
    return { amount: toMajorUnits(this.amount) };
  }

  /** The amount of stored `data`, in minor units. */
  protected static amountOf(data: Record<string, unknown>): number {
    return toMinorUnits(Number(data.amount));
  }
}
