import type { EventStore } from '../eventstore/event-store.port.js';
import type { ProjectionCheckpoint, ProjectionCommit, SqlStatement } from '../eventstore/projection-checkpoint.js';

/**
 * Where a projection's read model and its checkpoint live. The runner commits each batch's writes and
 * the checkpoint after it through `commitProjection`, which must apply both or neither and refuse a
 * checkpoint that moved (compare-and-set): that is what makes a projection exactly-once. The event
 * store's own database is the default target; a read model elsewhere (Redis) brings its own.
 */
export interface ProjectionTarget<W> {
  /** The checkpoint of a projection (or of its rebuild copy), or null when it never committed. */
  loadCheckpoint(name: string): Promise<ProjectionCheckpoint | null>;
  /**
   * Applies the writes and saves the checkpoint atomically.
   * @throws ProjectionCheckpointConflictError when the stored checkpoint is not at `expectedPosition`
   *   (or, with `expectedGeneration`, not at that generation); nothing is written.
   */
  commitProjection(commit: ProjectionCommit<W>): Promise<void>;
  /** The writes that remove these tables (a generation's, named already) and everything in them. */
  dropTables(tables: readonly string[]): W[];
}

/** The event store's database as a target: SQL statements committed with the checkpoint in one transaction. */
export function eventStoreTarget(store: EventStore): ProjectionTarget<SqlStatement> {
  return {
    loadCheckpoint: (name) => store.loadCheckpoint(name),
    commitProjection: (commit) => store.commitProjection(commit),
    dropTables: (tables) => tables.map((table) => ({ sql: `DROP TABLE IF EXISTS ${table}` })),
  };
}
