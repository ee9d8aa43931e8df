import { Injectable } from '@nestjs/common';
import { EventsHandler } from '@nestjs/cqrs';
import type { StoredEvent } from '../../eventstore/event-envelope.js';
import type { SqlStatement } from '../../eventstore/projection-checkpoint.js';
import { ACCOUNT_EVENTS, moneyMovementOf } from '../account-event-types.js';
import { AsyncProjection } from '../async-projection.decorator.js';
import { EventLogProjection } from '../event-log-projection.js';
import type { ProjectionReader, TableNamer } from '../projection.js';
import { insertRows, onConflictUpdate, placeholders } from '../sql.js';

export const DAILY_SUMMARY = 'DailySummary';

/** A row of `daily_summary`; money in minor units. */
export interface DaySummaryRow {
  day: string;
  deposits: number;
  withdrawals: number;
  transaction_count: number;
}

/** Totals over all days, kept in one row so reading them costs the same at any history length. */
export interface SummaryTotalsRow {
  deposits: number;
  withdrawals: number;
}

/** The UTC day of a timestamp, as YYYY-MM-DD. */
export function utcDay(timestamp: number): string {
  return new Date(timestamp).toISOString().slice(0, 10);
}

/**
 * Deposits, withdrawals and their count per UTC day of the event's own timestamp, plus all-time totals.
 * Opening balances count as deposits.
 */
@Injectable()
@AsyncProjection()
@EventsHandler(...ACCOUNT_EVENTS)
export class DailySummaryProjection extends EventLogProjection {
  readonly name = DAILY_SUMMARY;
  readonly tables = ['daily_summary', 'daily_summary_totals'];

  schema(table: TableNamer): SqlStatement[] {
    return [
      {
        sql: `CREATE TABLE IF NOT EXISTS ${table('daily_summary')} (
          day TEXT PRIMARY KEY, deposits BIGINT NOT NULL, withdrawals BIGINT NOT NULL, transaction_count BIGINT NOT NULL)`,
      },
      {
        sql: `CREATE TABLE IF NOT EXISTS ${table('daily_summary_totals')} (
          id INTEGER PRIMARY KEY, deposits BIGINT NOT NULL, withdrawals BIGINT NOT NULL)`,
      },
    ];
  }

  async project(events: readonly StoredEvent[], table: TableNamer, reader: ProjectionReader): Promise<SqlStatement[]> {
    const changes = new Map<string, DaySummaryRow>();
    for (const event of events) {
      const movement = moneyMovementOf(event, { openingAsDeposit: true });
      if (!movement) continue;
      const day = utcDay(event.metadata.timestamp);
      const row = changes.get(day) ?? { day, deposits: 0, withdrawals: 0, transaction_count: 0 };
      if (movement.type === 'deposit') row.deposits += movement.amount;
      else row.withdrawals += movement.amount;
      row.transaction_count += 1;
      changes.set(day, row);
    }
    if (changes.size === 0) return [];
    const days = [...changes.keys()];
    const existing = await reader.query<DaySummaryRow>(
      `SELECT day, deposits, withdrawals, transaction_count FROM ${table('daily_summary')} WHERE day IN (${placeholders(days.length)})`,
      days,
    );
    const [totals] = await reader.query<SummaryTotalsRow>(`SELECT deposits, withdrawals FROM ${table('daily_summary_totals')} WHERE id = 1`);
    const before = new Map(existing.map((row) => [row.day, row]));
    let deposits = Number(totals?.deposits ?? 0);
    let withdrawals = Number(totals?.withdrawals ?? 0);
    const dayRows: unknown[][] = [];
    for (const change of changes.values()) {
      const old = before.get(change.day);
      deposits += change.deposits;
      withdrawals += change.withdrawals;
      dayRows.push([
        change.day,
        Number(old?.deposits ?? 0) + change.deposits,
        Number(old?.withdrawals ?? 0) + change.withdrawals,
        Number(old?.transaction_count ?? 0) + change.transaction_count,
      ]);
    }
    const columns = ['day', 'deposits', 'withdrawals', 'transaction_count'];
    const statements = insertRows(table('daily_summary'), columns, dayRows, onConflictUpdate('day', columns));
    statements.push({
      sql: `INSERT INTO ${table('daily_summary_totals')} (id, deposits, withdrawals) VALUES (1, ?, ?)
        ON CONFLICT (id) DO UPDATE SET deposits = excluded.deposits, withdrawals = excluded.withdrawals`,
      params: [deposits, withdrawals],
    });
    return statements;
  }
}
