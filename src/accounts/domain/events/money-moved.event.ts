import { toMajorUnits, toMinorUnits } from '../../../common/money/money.js';
import type { AccountEvent } from './account-event.js';

/**
 * What a movement that is a leg of a transfer says about it: the transfer, and the other account (the
 * target of a withdrawal, the source of a deposit), or for the refund of a failed transfer, why it failed.
 */
export interface TransferLeg {
  transferId: string;
  toAccountId?: string;
  fromAccountId?: string;
  reason?: string;
}

const LEG_FIELDS = ['transferId', 'toAccountId', 'fromAccountId', 'reason'] as const;

/**
 * What deposits and withdrawals share: an amount (minor units) moved at a time, and the transfer it is a
 * leg of, if any. Stored as `{amount}`, plus the leg's fields (`transferId`, ...) for a transfer's legs.
 */
export abstract class MoneyMoved implements AccountEvent {
  constructor(
    readonly accountId: string,
    /** Amount in minor units. */
    readonly amount: number,
    readonly occurredAt: number,
    readonly transfer?: TransferLeg,
  ) {}

  toData(): Record<string, unknown> {
    return { amount: toMajorUnits(this.amount), ...this.transfer };
  }

  /** The amount of stored `data`, in minor units. */
  protected static amountOf(data: Record<string, unknown>): number {
    return toMinorUnits(Number(data.amount));
  }

  /** The transfer leg of stored `data`, if it is one. */
  protected static transferOf(data: Record<string, unknown>): TransferLeg | undefined {
    if (typeof data.transferId !== 'string') return undefined;
    const leg: Record<string, string> = {};
    for (const field of LEG_FIELDS) if (typeof data[field] === 'string') leg[field] = data[field];
    return leg as unknown as TransferLeg;
  }
}
