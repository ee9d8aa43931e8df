import type { InMemoryEventStore } from '../eventstore/adapters/in-memory/in-memory-event-store.js';
import type { ProjectionCheckpoint } from '../eventstore/projection-checkpoint.js';
import { type Projection, tableNamer } from '../projections/projection.js';

/** Every table of a projection with its rows, keyed by base name. */
export type Tables = Record<string, Record<string, unknown>[]>;

/** The read model after a projection specification ran: its tables (generation 1) in an in-memory store. */
export class ProjectedReadModel {
  constructor(
    readonly projection: Projection,
    readonly store: InMemoryEventStore,
    readonly checkpoint: ProjectionCheckpoint,
    /** How many batches the events came in. */
    readonly batchCount: number,
  ) {}

  /** The generation-1 name of a base table (`order_totals` → `order_totals_g1`). */
  table(base: string): string {
    return tableNamer(1)(base);
  }

  /** Rows of a query on the read model (name its tables with {@link table}). */
  query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.store.queryReadModel<Row>(sql, params);
  }

  /** Every row of a base table, ordered by its first column (make that the table's primary key). */
  rows<Row = Record<string, unknown>>(base: string): Promise<Row[]> {
    return this.query<Row>(`SELECT * FROM ${this.table(base)} ORDER BY 1`);
  }

  /** Every table of the projection with its rows: what "the same read model" compares. */
  async tables(): Promise<Tables> {
    const result: Tables = {};
    for (const base of this.projection.tables) result[base] = await this.rows(base);
    return result;
  }
}
