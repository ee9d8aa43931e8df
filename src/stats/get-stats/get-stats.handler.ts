import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ProjectionReads } from '../../projections/projection-reads.js';
import { STATS } from '../stats.projection.js';
import { GetStatsQuery } from './get-stats.query.js';
import type { StatsView } from './stats.view.js';

@QueryHandler(GetStatsQuery)
export class GetStatsHandler implements IQueryHandler<GetStatsQuery, StatsView> {
  constructor(private readonly reads: ProjectionReads) {}

  async execute(query: GetStatsQuery): Promise<StatsView> {
    const read = await this.reads.read(STATS, query.minPosition, async (table, store) => {
      const [totals] = await store.queryReadModel<{ total_events: number; total_aggregates: number }>(
        `SELECT total_events, total_aggregates FROM ${table('stats_totals')} WHERE id = 1`,
      );
      const types = await store.queryReadModel<{ event_type: string; event_count: number }>(
        `SELECT event_type, event_count FROM ${table('stats_event_types')} ORDER BY event_type`,
      );
      const aggregates = await store.queryReadModel<{ aggregate: string; event_count: number; latest_version: number }>(
        `SELECT aggregate, event_count, latest_version FROM ${table('stats_aggregates')}
         ORDER BY event_count DESC, aggregate LIMIT ?`,
        [query.limit],
      );
      return {
        totalEvents: Number(totals?.total_events ?? 0),
        totalAggregates: Number(totals?.total_aggregates ?? 0),
        totalSnapshots: await store.countSnapshots(),
        headPosition: await store.headPosition(),
        eventsByType: Object.fromEntries(types.map((row) => [row.event_type, Number(row.event_count)])),
        aggregates: aggregates.map((row) => ({
          aggregate: row.aggregate,
          eventCount: Number(row.event_count),
          latestVersion: Number(row.latest_version),
        })),
      };
    });
    return read.data;
  }
}
