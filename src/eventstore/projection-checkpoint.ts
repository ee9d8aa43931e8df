/** How far a projection has applied the global log. */
export interface ProjectionCheckpoint {
  name: string;
  /** Global position of the last event applied (0 before the first). */
  position: number;
  /** Id of the last event applied. */
  eventId: string | null;
  /** Events applied since the projection was (re)built. */
  eventsProcessed: number;
}

/**
 * The open transaction a projection writes its read model in. `handle` is the adapter's own
 * transaction object (a better-sqlite3 Database inside `transaction()`, a pg PoolClient inside
 * BEGIN, or the in-memory adapter's table map); `dialect` says which one.
 */
export interface ProjectionTransaction {
  readonly dialect: 'memory' | 'sqlite' | 'postgres';
  readonly handle: unknown;
}
