import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { toMajorUnits } from '../../common/money/money.js';
import { type ProjectionRead, ProjectionReads } from '../projection-reads.js';
import { DAILY_SUMMARY, type DaySummaryRow, type SummaryTotalsRow } from './daily-summary.projection.js';
import type { DailySummaryView } from './daily-summary.view.js';
import { GetDailySummaryQuery } from './get-daily-summary.query.js';

@QueryHandler(GetDailySummaryQuery)
export class GetDailySummaryHandler implements IQueryHandler<GetDailySummaryQuery, ProjectionRead<DailySummaryView>> {
  constructor(private readonly reads: ProjectionReads) {}

  execute(query: GetDailySummaryQuery): Promise<ProjectionRead<DailySummaryView>> {
    return this.reads.read(DAILY_SUMMARY, query.minPosition, async (table, store) => {
      const [totals] = await store.queryReadModel<SummaryTotalsRow>(`SELECT deposits, withdrawals FROM ${table('daily_summary_totals')} WHERE id = 1`);
      const rows = await store.queryReadModel<DaySummaryRow>(
        `SELECT day, deposits, withdrawals, transaction_count FROM ${table('daily_summary')} WHERE day >= ? AND day <= ? ORDER BY day`,
        [query.from ?? '0000-00-00', query.to ?? '9999-99-99'],
      );
      const deposits = Number(totals?.deposits ?? 0);
      const withdrawals = Number(totals?.withdrawals ?? 0);
      const days: DailySummaryView['days'] = {};
      for (const row of rows) {
        days[row.day] = {
          deposits: toMajorUnits(Number(row.deposits)),
          withdrawals: toMajorUnits(Number(row.withdrawals)),
          netChange: toMajorUnits(Number(row.deposits) - Number(row.withdrawals)),
          transactionCount: Number(row.transaction_count),
        };
      }
      return {
        summary: { deposits: toMajorUnits(deposits), withdrawals: toMajorUnits(withdrawals), netChange: toMajorUnits(deposits - withdrawals) },
        days,
      };
    });
  }
}
