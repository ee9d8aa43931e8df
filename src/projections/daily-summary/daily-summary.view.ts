/** `data` of `GET /projections/DailySummary` (major units). */
export interface DailySummaryView {
  summary: { deposits: number; withdrawals: number; netChange: number };
  days: Record<string, { deposits: number; withdrawals: number; netChange: number; transactionCount: number }>;
}
