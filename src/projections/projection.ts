import type { StoredEvent } from '../eventstore/event-envelope.js';
import type { SqlStatement } from '../eventstore/projection-checkpoint.js';
import type { ProjectionTarget } from './projection-target.js';

/** Maps a table's base name to its name in one generation of the projection (`account_balances_g2`). */
export type TableNamer = (base: string) => string;

/** Reads a projection's own tables while it computes a batch. */
export interface ProjectionReader {
  query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/**
 * A read model built from the event log (an async projection, in Marten's terms). The runner feeds it
 * every event in global position order, in batches, and commits the statements it returns together with
 * its checkpoint: a projection never writes by itself, so it is applied exactly once per event.
 *
 * Rules: deterministic (time comes from the events, never the clock); statements use SQL that SQLite and
 * PostgreSQL both accept; tables are named through the `TableNamer` so a rebuild can fill a fresh copy.
 *
 * A process manager may run the same way (TransferProcessManager): it issues commands from `project`
 * and returns no statements. The runner delivers each event to it at least once (again after a crash
 * between a step and the checkpoint, or in a rebuild), so each of its commands must be idempotent,
 * keyed by what it reacts to.
 */
export interface Projection<W = SqlStatement> {
  /** Unique name; part of the API (`/projections/{name}`). */
  readonly name: string;
  /** Base names of its tables (the runner drops old generations by these names). */
  readonly tables: readonly string[];
  /**
   * Where its read model and checkpoint live, committed together (default: the event store's own
   * database, with SQL statements as writes). A read model in another store (Redis) names its target.
   */
  readonly target?: ProjectionTarget<W>;
  /**
   * Whether a failing batch is retried event by event, to stop exactly before the failing event (default
   * true: a handler's bug is an event's). False for a projection whose failures are its target's (a
   * broker that is down): the batch is retried whole with back-off, and catches up at batch speed.
   */
  readonly isolatesFailures?: boolean;
  /**
   * After a partial batch, how long to wait for more events before the next one: this projection's own
   * value of the runner's `coalesceMs` (a relay trades fewer, larger batches for less delay).
   */
  readonly coalesceMs?: number;
  /**
   * CREATE TABLE / CREATE INDEX ... IF NOT EXISTS statements of one generation, for the store's dialect
   * (DDL is where SQLite and PostgreSQL differ most, e.g. SQLite's `INTEGER PRIMARY KEY` row ids).
   */
  schema(table: TableNamer, dialect: 'sqlite' | 'postgres'): W[];
  /**
   * The statements that apply `events` (consecutive, in position order; events it does not care about
   * included) to its tables. It may read its own tables through `reader` to know their current state.
   */
  project(events: readonly StoredEvent[], table: TableNamer, reader: ProjectionReader): Promise<W[]>;
}

/** The table names of a projection's generation. */
export function tableNamer(generation: number): TableNamer {
  return (base) => `${base}_g${generation}`;
}
