import { AccountClosed } from '../../accounts/domain/events/account-closed.event.js';
import { AccountOpened } from '../../accounts/domain/events/account-opened.event.js';
import { MoneyDeposited } from '../../accounts/domain/events/money-deposited.event.js';
import { MoneyWithdrawn } from '../../accounts/domain/events/money-withdrawn.event.js';
import { toMinorUnits } from '../../common/money/money.js';
import type { StoredEvent } from '../../eventstore/event-envelope.js';

/** An account's entry in AccountBalances (SQL row and Redis value alike); money in minor units. */
export interface AccountBalanceRow {
  account_id: string;
  balance: number;
  is_active: number;
  last_updated: number;
}

/** The stored event types that change an account's balance entry. */
export const BALANCE_EVENT_TYPES: ReadonlySet<string> = new Set([AccountOpened.eventType, MoneyDeposited.eventType, MoneyWithdrawn.eventType, AccountClosed.eventType]);

/** The entry after `event` (one of BALANCE_EVENT_TYPES), from the entry before it (none before the opening). */
export function evolveAccountBalance(row: AccountBalanceRow | undefined, event: StoredEvent): AccountBalanceRow {
  const current = row ?? { account_id: event.aggregateId, balance: 0, is_active: 1, last_updated: 0 };
  const at = event.metadata.timestamp;
  switch (event.eventType) {
    case AccountOpened.eventType:
      return { ...current, balance: toMinorUnits(Number(event.data.initialBalance ?? 0)), is_active: 1, last_updated: at };
    case MoneyDeposited.eventType:
      return { ...current, balance: current.balance + toMinorUnits(Number(event.data.amount)), last_updated: at };
    case MoneyWithdrawn.eventType:
      return { ...current, balance: current.balance - toMinorUnits(Number(event.data.amount)), last_updated: at };
    default:
      return { ...current, is_active: 0, last_updated: at };
  }
}
