import { AccountClosed } from '../accounts/domain/events/account-closed.event.js';
import { AccountOpened } from '../accounts/domain/events/account-opened.event.js';
import { MoneyDeposited } from '../accounts/domain/events/money-deposited.event.js';
import { MoneyWithdrawn } from '../accounts/domain/events/money-withdrawn.event.js';
import { toMinorUnits } from '../common/money/money.js';
import type { StoredEvent } from '../eventstore/event-envelope.js';

/** The stored BankAccount event types the account projections read. */
export const ACCOUNT_EVENTS = [AccountOpened, MoneyDeposited, MoneyWithdrawn, AccountClosed] as const;

/** A deposit (opening balances included where a projection asks) or withdrawal, in minor units. */
export interface MoneyMovement {
  type: 'deposit' | 'withdrawal';
  amount: number;
}

/** The money a stored event moves, or null when it moves none. */
export function moneyMovementOf(event: StoredEvent, options: { openingAsDeposit: boolean }): MoneyMovement | null {
  switch (event.eventType) {
    case MoneyDeposited.eventType:
      return { type: 'deposit', amount: toMinorUnits(Number(event.data.amount)) };
    case MoneyWithdrawn.eventType:
      return { type: 'withdrawal', amount: toMinorUnits(Number(event.data.amount)) };
    case AccountOpened.eventType: {
      const amount = toMinorUnits(Number(event.data.initialBalance ?? 0));
      return options.openingAsDeposit && amount > 0 ? { type: 'deposit', amount } : null;
    }
    default:
      return null;
  }
}
