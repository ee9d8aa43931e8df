/** The answer of `GET /stats`. */
export interface StatsView {
  totalEvents: number;
  totalAggregates: number;
  totalSnapshots: number;
  headPosition: number;
  eventsByType: Record<string, number>;
  aggregates: Array<{ aggregate: string; eventCount: number; latestVersion: number }>;
}
