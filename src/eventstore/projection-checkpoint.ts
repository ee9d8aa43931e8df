/** How far a projection has applied the global log. */
export interface ProjectionCheckpoint {
  name: string;
  /** Global position of the last event applied (0 before the first). */
  position: number;
  /** Id of the last event applied. */
  eventId: string | null;
  /** Events applied since the projection was (re)built. */
  eventsProcessed: number;
  /**
   * Which copy of the projection's tables is live. A rebuild fills the next generation beside the live
   * one and swaps by committing this number; readers follow it.
   */
  generation: number;
}

/**
 * A parameterised SQL statement on read-model tables, with `?` placeholders. Projections write SQL that
 * SQLite and PostgreSQL both accept (`INSERT ... ON CONFLICT ... DO UPDATE`, `CREATE TABLE IF NOT EXISTS`).
 */
export interface SqlStatement {
  sql: string;
  params?: readonly unknown[];
}

/**
 * One projection step: read-model statements and the checkpoint after them, committed together.
 * A projection computes its statements from the events (reading its own tables beforehand if it must);
 * the store runs them in one transaction with the checkpoint.
 */
export interface ProjectionCommit<W = SqlStatement> {
  checkpoint: ProjectionCheckpoint;
  /**
   * The position the stored checkpoint must still be at (0 when the projection never committed). If
   * another worker moved it meanwhile, nothing is written: a batch is never applied twice.
   */
  expectedPosition: number;
  /**
   * When set, the generation the stored checkpoint must still be at (a checkpoint that does not exist
   * yet matches any). A rebuild elsewhere may swap in a new generation at the same position: a worker
   * still writing the old generation's tables must then be refused, not undo the swap.
   */
  expectedGeneration?: number;
  /** The read-model writes (SQL statements for the event store's database). */
  statements: W[];
}
