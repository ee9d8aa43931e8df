import { Injectable } from '@nestjs/common';
import { EventsHandler } from '@nestjs/cqrs';
import type { StoredEvent } from '../eventstore/event-envelope.js';
import type { SqlStatement } from '../eventstore/projection-checkpoint.js';
import { ACCOUNT_EVENTS } from '../projections/account-event-types.js';
import { AsyncProjection } from '../projections/async-projection.decorator.js';
import { EventLogProjection } from '../projections/event-log-projection.js';
import type { ProjectionReader, TableNamer } from '../projections/projection.js';
import { insertRows, onConflictUpdate, placeholders } from '../projections/sql.js';

export const STATS = 'Stats';

/**
 * Event-store statistics kept incrementally: totals in one row, a row per event type and a row per
 * aggregate with an index on its event count, so `/stats` costs the same at 10 events and at 10 million.
 */
@Injectable()
@AsyncProjection()
@EventsHandler(...ACCOUNT_EVENTS)
export class StatsProjection extends EventLogProjection {
  readonly name = STATS;
  readonly tables = ['stats_totals', 'stats_event_types', 'stats_aggregates'];

  schema(table: TableNamer): SqlStatement[] {
    const aggregates = table('stats_aggregates');
    return [
      {
        sql: `CREATE TABLE IF NOT EXISTS ${table('stats_totals')} (
          id INTEGER PRIMARY KEY, total_events BIGINT NOT NULL, total_aggregates BIGINT NOT NULL)`,
      },
      { sql: `CREATE TABLE IF NOT EXISTS ${table('stats_event_types')} (event_type TEXT PRIMARY KEY, event_count BIGINT NOT NULL)` },
      {
        sql: `CREATE TABLE IF NOT EXISTS ${aggregates} (
          aggregate TEXT PRIMARY KEY, event_count BIGINT NOT NULL, latest_version BIGINT NOT NULL)`,
      },
      { sql: `CREATE INDEX IF NOT EXISTS ${aggregates}_busiest ON ${aggregates} (event_count DESC, aggregate)` },
    ];
  }

  async project(events: readonly StoredEvent[], table: TableNamer, reader: ProjectionReader): Promise<SqlStatement[]> {
    const byType = new Map<string, number>();
    const byAggregate = new Map<string, { count: number; latestVersion: number }>();
    for (const event of events) {
      byType.set(event.eventType, (byType.get(event.eventType) ?? 0) + 1);
      const key = `${event.aggregateType}:${event.aggregateId}`;
      const entry = byAggregate.get(key) ?? { count: 0, latestVersion: 0 };
      entry.count += 1;
      entry.latestVersion = Math.max(entry.latestVersion, event.metadata.version);
      byAggregate.set(key, entry);
    }
    const types = [...byType.keys()];
    const keys = [...byAggregate.keys()];
    const [totals] = await reader.query<{ total_events: number; total_aggregates: number }>(
      `SELECT total_events, total_aggregates FROM ${table('stats_totals')} WHERE id = 1`,
    );
    const typeCounts = new Map(
      (
        await reader.query<{ event_type: string; event_count: number }>(
          `SELECT event_type, event_count FROM ${table('stats_event_types')} WHERE event_type IN (${placeholders(types.length)})`,
          types,
        )
      ).map((row) => [row.event_type, Number(row.event_count)]),
    );
    const known = new Map(
      (
        await reader.query<{ aggregate: string; event_count: number }>(
          `SELECT aggregate, event_count FROM ${table('stats_aggregates')} WHERE aggregate IN (${placeholders(keys.length)})`,
          keys,
        )
      ).map((row) => [row.aggregate, Number(row.event_count)]),
    );
    const typeColumns = ['event_type', 'event_count'];
    const statements = insertRows(
      table('stats_event_types'),
      typeColumns,
      [...byType].map(([type, count]) => [type, (typeCounts.get(type) ?? 0) + count]),
      onConflictUpdate('event_type', typeColumns),
    );
    let newAggregates = 0;
    const aggregateRows = [...byAggregate].map(([key, entry]) => {
      const before = known.get(key);
      if (before === undefined) newAggregates += 1;
      return [key, (before ?? 0) + entry.count, entry.latestVersion];
    });
    const aggregateColumns = ['aggregate', 'event_count', 'latest_version'];
    statements.push(...insertRows(table('stats_aggregates'), aggregateColumns, aggregateRows, onConflictUpdate('aggregate', aggregateColumns)));
    statements.push({
      sql: `INSERT INTO ${table('stats_totals')} (id, total_events, total_aggregates) VALUES (1, ?, ?)
        ON CONFLICT (id) DO UPDATE SET total_events = excluded.total_events, total_aggregates = excluded.total_aggregates`,
      params: [Number(totals?.total_events ?? 0) + events.length, Number(totals?.total_aggregates ?? 0) + newAggregates],
    });
    return statements;
  }
}
