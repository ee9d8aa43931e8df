import { Query } from '@nestjs/cqrs';
import type { ProjectionRead } from '../projection-reads.js';
import type { DailySummaryView } from './daily-summary.view.js';

/** All-time totals and per-day figures (optionally from/to a day). */
export class GetDailySummaryQuery extends Query<ProjectionRead<DailySummaryView>> {
  constructor(
    readonly from: string | undefined,
    readonly to: string | undefined,
    readonly minPosition: number | undefined,
  ) {
    super();
  }
}
