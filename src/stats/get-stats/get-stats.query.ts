import { Query } from '@nestjs/cqrs';
import type { StatsView } from './stats.view.js';

/** Event-store statistics with the `limit` busiest aggregates. */
export class GetStatsQuery extends Query<StatsView> {
  constructor(
    readonly limit: number,
    readonly minPosition: number | undefined,
  ) {
    super();
  }
}
