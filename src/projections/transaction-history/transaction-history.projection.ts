import { Injectable } from '@nestjs/common';
import { EventsHandler } from '@nestjs/cqrs';
import { AccountOpened } from '../../accounts/domain/events/account-opened.event.js';
import { toMinorUnits } from '../../common/money/money.js';
import type { StoredEvent } from '../../eventstore/event-envelope.js';
import type { SqlStatement } from '../../eventstore/projection-checkpoint.js';
import { ACCOUNT_EVENTS, moneyMovementOf } from '../account-event-types.js';
import { AsyncProjection } from '../async-projection.decorator.js';
import { EventLogProjection } from '../event-log-projection.js';
import type { ProjectionReader, TableNamer } from '../projection.js';
import { insertRows, onConflictUpdate, placeholders } from '../sql.js';

export const TRANSACTION_HISTORY = 'TransactionHistory';

const TRANSACTION_COLUMNS = ['position', 'event_id', 'account_id', 'type', 'amount', 'balance_after', 'timestamp', 'transfer_id'];

/** A row of `transaction_history`; money in minor units. */
export interface TransactionRow {
  position: number;
  event_id: string;
  account_id: string;
  type: 'deposit' | 'withdrawal';
  amount: number;
  balance_after: number;
  timestamp: number;
  transfer_id: string | null;
}

/**
 * Every deposit and withdrawal across accounts in position order, with the balance after it. Keeps
 * its own running balance per account, so it depends on no other projection.
 */
@Injectable()
@AsyncProjection()
@EventsHandler(...ACCOUNT_EVENTS)
export class TransactionHistoryProjection extends EventLogProjection {
  readonly name = TRANSACTION_HISTORY;
  readonly tables = ['transaction_history', 'transaction_history_balances'];

  schema(table: TableNamer, dialect: 'sqlite' | 'postgres'): SqlStatement[] {
    const history = table('transaction_history');
    // On SQLite an INTEGER PRIMARY KEY is the row id itself: one B-tree less to write per transaction.
    const positionType = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
    return [
      {
        sql: `CREATE TABLE IF NOT EXISTS ${history} (
          position ${positionType} PRIMARY KEY, event_id TEXT NOT NULL, account_id TEXT NOT NULL, type TEXT NOT NULL,
          amount BIGINT NOT NULL, balance_after BIGINT NOT NULL, timestamp BIGINT NOT NULL, transfer_id TEXT)`,
      },
      { sql: `CREATE INDEX IF NOT EXISTS ${history}_by_account ON ${history} (account_id, position)` },
      {
        sql: `CREATE TABLE IF NOT EXISTS ${table('transaction_history_balances')} (
          account_id TEXT PRIMARY KEY, balance BIGINT NOT NULL)`,
      },
    ];
  }

  async project(events: readonly StoredEvent[], table: TableNamer, reader: ProjectionReader): Promise<SqlStatement[]> {
    const ids = [...new Set(events.filter((event) => event.aggregateType === 'BankAccount').map((event) => event.aggregateId))];
    if (ids.length === 0) return [];
    const balances = new Map(
      (
        await reader.query<{ account_id: string; balance: number }>(
          `SELECT account_id, balance FROM ${table('transaction_history_balances')} WHERE account_id IN (${placeholders(ids.length)})`,
          ids,
        )
      ).map((row) => [row.account_id, Number(row.balance)]),
    );
    const touched = new Set<string>();
    const transactions: unknown[][] = [];
    for (const event of events) {
      const id = event.aggregateId;
      if (event.eventType === AccountOpened.eventType) {
        balances.set(id, toMinorUnits(Number(event.data.initialBalance ?? 0)));
        touched.add(id);
        continue;
      }
      const movement = moneyMovementOf(event, { openingAsDeposit: false });
      if (!movement) continue;
      const balanceAfter = (balances.get(id) ?? 0) + (movement.type === 'deposit' ? movement.amount : -movement.amount);
      balances.set(id, balanceAfter);
      touched.add(id);
      const transferId = typeof event.data.transferId === 'string' ? event.data.transferId : null;
      transactions.push([event.position, event.id, id, movement.type, movement.amount, balanceAfter, event.metadata.timestamp, transferId]);
    }
    return [
      ...insertRows(table('transaction_history'), TRANSACTION_COLUMNS, transactions),
      ...insertRows(
        table('transaction_history_balances'),
        ['account_id', 'balance'],
        [...touched].map((id) => [id, balances.get(id)]),
        onConflictUpdate('account_id', ['account_id', 'balance']),
      ),
    ];
  }
}
