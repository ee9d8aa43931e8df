import { Injectable } from '@nestjs/common';
import { EventsHandler } from '@nestjs/cqrs';
import type { StoredEvent } from '../../eventstore/event-envelope.js';
import type { SqlStatement } from '../../eventstore/projection-checkpoint.js';
import { AsyncProjection } from '../async-projection.decorator.js';
import { EventLogProjection } from '../event-log-projection.js';
import type { ProjectionReader, TableNamer } from '../projection.js';
import { insertRows, onConflictUpdate, placeholders } from '../sql.js';
import { ACCOUNT_EVENTS } from '../account-event-types.js';
import { type AccountBalanceRow, BALANCE_EVENT_TYPES, evolveAccountBalance } from './account-balance.js';

export type { AccountBalanceRow } from './account-balance.js';

export const ACCOUNT_BALANCES = 'AccountBalances';

/** The current balance of every account: one row per account, updated in place. */
@Injectable()
@AsyncProjection()
@EventsHandler(...ACCOUNT_EVENTS)
export class AccountBalancesProjection extends EventLogProjection {
  readonly name = ACCOUNT_BALANCES;
  readonly tables = ['account_balances'];

  schema(table: TableNamer): SqlStatement[] {
    return [
      {
        sql: `CREATE TABLE IF NOT EXISTS ${table('account_balances')} (
          account_id TEXT PRIMARY KEY, balance BIGINT NOT NULL, is_active INTEGER NOT NULL, last_updated BIGINT NOT NULL)`,
      },
    ];
  }

  async project(events: readonly StoredEvent[], table: TableNamer, reader: ProjectionReader): Promise<SqlStatement[]> {
    const relevant = events.filter((event) => BALANCE_EVENT_TYPES.has(event.eventType));
    if (relevant.length === 0) return [];
    const ids = [...new Set(relevant.map((event) => event.aggregateId))];
    const rows = await reader.query<AccountBalanceRow>(
      `SELECT account_id, balance, is_active, last_updated FROM ${table('account_balances')} WHERE account_id IN (${placeholders(ids.length)})`,
      ids,
    );
    const accounts = new Map(rows.map((row) => [row.account_id, { ...row }]));
    for (const event of relevant) accounts.set(event.aggregateId, evolveAccountBalance(accounts.get(event.aggregateId), event));
    const columns = ['account_id', 'balance', 'is_active', 'last_updated'];
    const changed = ids.map((id) => {
      const row = accounts.get(id)!;
      return [row.account_id, row.balance, row.is_active, row.last_updated];
    });
    return insertRows(table('account_balances'), columns, changed, onConflictUpdate('account_id', columns));
  }
}
