import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { type AppendRequest, type AppendResult, appendOneAfterAnother } from '../../append.js';
import { AppendListeners, StreamListeners } from '../../append-listeners.js';
import { EVENT_COLUMNS, storedEventOf } from '../../stored-event.js';
import type { StoredEvent } from '../../event-envelope.js';
import type { EventLocation } from '../../event-location.js';
import {
  DuplicateEventIdError,
  IdempotencyKeyTakenError,
  ProjectionCheckpointConflictError,
  WrongExpectedVersionError,
} from '../../event-store.errors.js';
import type { EventStore, ReadAllOptions, ReadStreamOptions } from '../../event-store.port.js';
import type { IdempotencyRecord } from '../../idempotency-record.js';
import type { ProjectionCheckpoint, ProjectionCommit } from '../../projection-checkpoint.js';
import type { ProjectionLease } from '../../projection-lease.js';
import type { Snapshot } from '../../snapshot.js';
import type { StreamInfo } from '../../stream-info.js';
import {
  DEFAULT_POSTGRES_TIMEOUTS,
  isBrokenConnection,
  postgresClientConfig,
  postgresMigrationConfig,
  toStoreError,
} from './postgres-connection.js';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.js';
import { tryPostgresLease } from './postgres-lease.js';
import { PostgresNotifications } from './postgres-notifications.js';
import { type PgEventRow, type PgSnapshotRow, pgRowToEvent, pgRowToSnapshot } from './postgres-rows.js';
import { advisoryKey, checkedSchemaName, notificationChannel, toPostgresPlaceholders } from './postgres-sql.js';

export interface PostgresEventStoreOptions {
  /** `postgres://user@host:port/database` */
  connectionString: string;
  /** Schema holding every table of the store (default `public`); created when missing. */
  schema?: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /**
   * How long to wait for a connection, to open one or for a free one of the pool, and for the
   * notification listener's check that its connection answers (default 5000 ms).
   */
  connectionTimeoutMillis?: number;
  /**
   * The server cancels a statement running longer (default 30 000 ms, far above a page of `readAll`);
   * without an answer a connection timeout later, the connection is dropped. Either fails the call with
   * `EventStoreUnavailableError`. Migrations have no statement timeout.
   */
  statementTimeoutMillis?: number;
  /** How often the notification listener checks that its connection answers (default 10 000 ms). */
  listenerHeartbeatMillis?: number;
}

type Queryable = pg.Pool | pg.PoolClient;

/**
 * The event store on PostgreSQL, for several service instances on one database.
 *
 * Gap-safe global order. A reader that follows `position > checkpoint` must never pass a position
 * whose transaction is still open. Every append therefore takes its positions and its transaction id
 * together, under a short advisory lock held only for the INSERT of its events (not until commit), and
 * that INSERT is the transaction's first write (the `append_events` function, migration 3). So
 * transaction ids and positions grow together and one transaction's positions are contiguous. Appends
 * to one stream queue on a lock of that stream before the append lock, so the INSERT never waits for
 * another append; any other wait under the append lock is bounded by a lock timeout. `readAll` then
 * returns only events of transactions older than the oldest one still running
 * (`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`), in position order: an event it returns
 * can have no unfinished event before it. This is Emmett's xmin technique made safe for position
 * order; without the lock, transaction ids and positions could disagree and a reader could skip an
 * event that commits late.
 */
export class PostgresEventStore implements EventStore {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly schema: string;
  private readonly clientConfig: pg.ClientConfig;
  private readonly appendListeners = new AppendListeners();
  private readonly streamListeners = new StreamListeners();
  /** Tags this instance's notifications, so it hears only other instances' streams as foreign. */
  private readonly writerId = randomUUID();
  private readonly notifications: PostgresNotifications;
  private readonly appendLockKey: string;
  private readonly channel: string;

  private constructor(options: PostgresEventStoreOptions) {
    this.schema = checkedSchemaName(options.schema ?? 'public');
    const timeouts = {
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? DEFAULT_POSTGRES_TIMEOUTS.connectionTimeoutMillis,
      statementTimeoutMillis: options.statementTimeoutMillis ?? DEFAULT_POSTGRES_TIMEOUTS.statementTimeoutMillis,
      listenerHeartbeatMillis: options.listenerHeartbeatMillis ?? DEFAULT_POSTGRES_TIMEOUTS.listenerHeartbeatMillis,
    };
    this.clientConfig = postgresClientConfig(options.connectionString, this.schema, timeouts);
    this.pool = new pg.Pool({ ...this.clientConfig, max: options.poolSize ?? 10 });
    this.pool.on('error', () => undefined); // an idle client's error; the next query reports it
    this.appendLockKey = advisoryKey(this.schema, 'append');
    this.channel = notificationChannel(this.schema);
    this.notifications = new PostgresNotifications(this.clientConfig, this.channel, this.appendListeners, this.streamListeners, this.writerId, {
      heartbeatMillis: timeouts.listenerHeartbeatMillis,
      answerMillis: timeouts.connectionTimeoutMillis,
    });
  }

  /** Connects, creates the schema and applies pending migrations, and starts listening for appends. */
  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(options);
    try {
      await store.migrate();
      await store.notifications.start();
    } catch (error) {
      await store.close();
      throw toStoreError(error);
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const client = new pg.Client(postgresMigrationConfig(this.clientConfig));
    client.on('error', () => undefined); // reported by the pending query
    try {
      await client.connect();
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [advisoryKey(this.schema, 'migrations')]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((row) => Number(row.version)));
      for (const migration of POSTGRES_MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /**
   * One round trip for an append without an idempotency record, in autocommit: the `append_events`
   * function, or `append_events_with_snapshot` when a snapshot goes with it. An idempotency record's
   * body is made from the append's result, so an append carrying one runs the function and then writes
   * the record, in one explicit transaction.
   */
  append(request: AppendRequest): Promise<AppendResult> {
    if (request.events.length === 0) return Promise.reject(new RangeError('append needs at least one event'));
    const { idempotency } = request;
    return this.guard(async () => {
      const result = idempotency
        ? await this.transaction(async (client) => {
            const appended = await this.appendEvents(client, request);
            await this.insertIdempotency(client, { ...idempotency, body: idempotency.body(appended) });
            return appended;
          })
        : await this.appendEvents(this.pool, request);
      this.appendListeners.notify(result.position);
      return result;
    });
  }

  /**
   * One append after another. Several appends in one transaction would break the gap-safe order (see
   * the class comment: an append's INSERT must be its transaction's first write).
   */
  appendInOrder(requests: readonly AppendRequest[]): Promise<PromiseSettledResult<AppendResult>[]> {
    return appendOneAfterAnother((request) => this.append(request), requests);
  }

  /** The events of `request` and, when it carries one, its snapshot (one statement either way). */
  private async appendEvents(db: Queryable, request: AppendRequest): Promise<AppendResult> {
    const { streamId, streamType, expectedVersion, events } = request;
    const rows = events.map((event, index) => ({
      id: event.id,
      version: expectedVersion + index + 1,
      event_type: event.eventType,
      data: event.data,
      schema_version: event.schemaVersion,
      timestamp: event.timestamp,
      correlation_id: event.correlationId ?? null,
      causation_id: event.causationId ?? null,
    }));
    const args = [this.appendLockKey, this.channel, this.writerId, streamId, streamType, expectedVersion, JSON.stringify(rows)];
    let positions: number[];
    try {
      const { rows: inserted } = await db.query<{ position: number }>(
        request.snapshot
          ? 'SELECT append_events_with_snapshot($1::bigint, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb) AS position'
          : 'SELECT append_events($1::bigint, $2, $3, $4, $5, $6, $7::jsonb) AS position',
        request.snapshot ? [...args, JSON.stringify(request.snapshot)] : args,
      );
      positions = inserted.map((row) => row.position);
    } catch (error) {
      const refusal = this.appendRefusal(error, streamId, expectedVersion);
      if (!refusal) throw error;
      if (db === this.pool) throw await refusal(this.pool);
      // In a transaction: read what the refusal needs on the same connection once rolled back. Asking the
      // pool for a second connection while holding this one waits forever once every pooled connection does so.
      const client = db as pg.PoolClient;
      await client.query('ROLLBACK');
      throw new RolledBack(await refusal(client));
    }
    const stored = events.map((event, index) => storedEventOf(event, request, expectedVersion + index + 1, positions[index]));
    return { version: expectedVersion + events.length, position: positions[positions.length - 1], events: stored };
  }

  /**
   * The store's refusal of an append that failed with `error` (a repeated event id, or a stream that is
   * not at the expected version), built on a connection it may read; null for any other failure.
   */
  private appendRefusal(error: unknown, streamId: string, expectedVersion: number): ((db: Queryable) => Promise<Error>) | null {
    if (isUniqueViolation(error, 'events_id_key')) {
      const eventId = /\(id\)=\((.*)\)/.exec((error as { detail?: string }).detail ?? '')?.[1];
      return async () => new DuplicateEventIdError(streamId, eventId);
    }
    if ((error as { code?: string }).code !== 'EV409' && !isUniqueViolation(error, 'events_stream_id_version_key')) return null;
    return async (db) => new WrongExpectedVersionError(streamId, expectedVersion, await this.currentVersion(db, streamId));
  }

  private async currentVersion(db: Queryable, streamId: string): Promise<number> {
    const { rows } = await db.query<{ version: number }>('SELECT version FROM streams WHERE stream_id = $1', [streamId]);
    return rows[0]?.version ?? 0;
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const direction = options.direction === 'backward' ? 'DESC' : 'ASC';
    return this.guard(async () => {
      const { rows } = await this.pool.query<PgEventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND version >= $2 AND version <= $3
         ORDER BY version ${direction} LIMIT $4`,
        [streamId, options.fromVersion ?? 1, options.toVersion ?? Number.MAX_SAFE_INTEGER, options.limit ?? null],
      );
      return rows.map(pgRowToEvent);
    });
  }

  /** Only events of transactions older than every running one: see the class comment. */
  readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    const types = options.eventTypes && options.eventTypes.length > 0 ? options.eventTypes : null;
    return this.guard(async () => {
      const { rows } = await this.pool.query<PgEventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events
         WHERE position > $1 AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
           ${types ? 'AND event_type = ANY($3)' : ''}
         ORDER BY position LIMIT $2`,
        types ? [options.after ?? 0, options.limit, types] : [options.after ?? 0, options.limit],
      );
      return rows.map(pgRowToEvent);
    });
  }

  streamInfo(streamId: string): Promise<StreamInfo | null> {
    return this.guard(async () => {
      const { rows } = await this.pool.query<{ stream_id: string; stream_type: string; version: number }>(
        'SELECT stream_id, stream_type, version FROM streams WHERE stream_id = $1',
        [streamId],
      );
      return rows[0] ? { streamId: rows[0].stream_id, streamType: rows[0].stream_type, version: rows[0].version } : null;
    });
  }

  streamVersionAt(streamId: string, timestamp: number): Promise<number> {
    return this.guard(async () => {
      const { rows } = await this.pool.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM events WHERE stream_id = $1 AND timestamp <= $2',
        [streamId, timestamp],
      );
      return rows[0]?.version ?? 0;
    });
  }

  headPosition(): Promise<number> {
    return this.guard(async () => {
      const { rows } = await this.pool.query<{ position: number | null }>('SELECT max(position) AS position FROM events');
      return rows[0]?.position ?? 0;
    });
  }

  locateEvents(ids: readonly string[]): Promise<EventLocation[]> {
    return this.guard(async () => {
      const { rows } = await this.pool.query<EventLocation>('SELECT id, stream_id AS "streamId", version FROM events WHERE id = ANY($1::text[])', [
        ids,
      ]);
      return rows;
    });
  }

  loadSnapshot(streamId: string, maxVersion = Number.MAX_SAFE_INTEGER): Promise<Snapshot | null> {
    return this.guard(async () => {
      const { rows } = await this.pool.query<PgSnapshotRow>(
        'SELECT * FROM snapshots WHERE stream_id = $1 AND version <= $2 ORDER BY version DESC LIMIT 1',
        [streamId, maxVersion],
      );
      return rows[0] ? pgRowToSnapshot(rows[0]) : null;
    });
  }

  /** Saves a snapshot and counts it when it is new: one statement (`save_snapshot`, migration 4). */
  saveSnapshot(snapshot: Snapshot): Promise<void> {
    return this.guard(async () => {
      await this.pool.query('SELECT save_snapshot($1::jsonb)', [JSON.stringify(snapshot)]);
    });
  }

  countSnapshots(): Promise<number> {
    return this.guard(async () => {
      const { rows } = await this.pool.query<{ value: number }>("SELECT value FROM store_counters WHERE name = 'snapshots'");
      return rows[0]?.value ?? 0;
    });
  }

  findIdempotencyRecord(key: string): Promise<IdempotencyRecord | null> {
    return this.guard(async () => {
      const { rows } = await this.pool.query<{ key: string; fingerprint: string; status_code: number; body: unknown; created_at: number }>(
        'SELECT * FROM idempotency_records WHERE key = $1',
        [key],
      );
      const row = rows[0];
      return row
        ? { key: row.key, fingerprint: row.fingerprint, statusCode: row.status_code, body: row.body, createdAt: row.created_at }
        : null;
    });
  }

  saveIdempotencyRecord(record: IdempotencyRecord): Promise<void> {
    return this.guard(() => this.insertIdempotency(this.pool, record));
  }

  private async insertIdempotency(db: Queryable, record: IdempotencyRecord): Promise<void> {
    try {
      await db.query(
        'INSERT INTO idempotency_records (key, fingerprint, status_code, body, created_at) VALUES ($1, $2, $3, $4, $5)',
        [record.key, record.fingerprint, record.statusCode, JSON.stringify(record.body), record.createdAt],
      );
    } catch (error) {
      if (isUniqueViolation(error, 'idempotency_records_pkey')) throw new IdempotencyKeyTakenError(record.key);
      throw error;
    }
  }

  loadCheckpoint(name: string): Promise<ProjectionCheckpoint | null> {
    return this.guard(async () => {
      const { rows } = await this.pool.query<{ name: string; position: number; event_id: string | null; events_processed: number; generation: number }>(
        'SELECT * FROM projection_checkpoints WHERE name = $1',
        [name],
      );
      const row = rows[0];
      return row
        ? { name: row.name, position: row.position, eventId: row.event_id, eventsProcessed: row.events_processed, generation: row.generation }
        : null;
    });
  }

  commitProjection({ checkpoint, expectedPosition, expectedGeneration, statements }: ProjectionCommit): Promise<void> {
    return this.guard(() =>
      // Like SQLite's NORMAL sync for projections: the commit stays atomic; what a crash could take away
      // is re-applied from the checkpoint, since events are committed durably by their appends.
      this.transaction(async (client) => {
        // Make the row exist and lock it in one statement (DO UPDATE locks the row and returns it as it
        // is): two workers committing at once serialise here, and the second sees the first's position.
        // `created` tells a row made here (no checkpoint yet: position 0 of any generation) from one found.
        const { rows } = await client.query<{ position: number; generation: number; created: boolean }>(
          `INSERT INTO projection_checkpoints (name, position, event_id, events_processed, generation)
           VALUES ($1, 0, NULL, 0, $2) ON CONFLICT (name) DO UPDATE SET name = excluded.name
           RETURNING position, generation, (xmax = 0) AS created`,
          [checkpoint.name, checkpoint.generation],
        );
        const [found] = rows;
        const conflict = ProjectionCheckpointConflictError.between(
          checkpoint.name,
          { position: expectedPosition, generation: expectedGeneration },
          found.created ? null : found,
        );
        if (conflict) throw conflict;
        for (const statement of statements) await client.query(toPostgresPlaceholders(statement.sql), [...(statement.params ?? [])]);
        await client.query(
          `UPDATE projection_checkpoints SET position = $2, event_id = $3, events_processed = $4, generation = $5 WHERE name = $1`,
          [checkpoint.name, checkpoint.position, checkpoint.eventId, checkpoint.eventsProcessed, checkpoint.generation],
        );
      }, 'BEGIN; SET LOCAL synchronous_commit TO off'),
    );
  }

  queryReadModel<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.guard(async () => (await this.pool.query(toPostgresPlaceholders(sql), [...params])).rows as Row[]);
  }

  tryAcquireLease(name: string): Promise<ProjectionLease | null> {
    return this.guard(() => tryPostgresLease(this.clientConfig, advisoryKey(this.schema, `projection:${name}`)));
  }

  onAppended(listener: (position: number) => void): () => void {
    return this.appendListeners.add(listener);
  }

  onForeignAppend(listener: (streamId: string) => void): () => void {
    return this.streamListeners.add(listener);
  }

  ping(): Promise<void> {
    return this.guard(async () => {
      await this.pool.query('SELECT 1');
    });
  }

  async close(): Promise<void> {
    await this.notifications.close();
    if (!this.pool.ended) await this.pool.end();
  }

  /**
   * Runs `work` in a transaction on one pooled connection; rolls back when it throws. A connection that
   * failed (or could not roll back) leaves the pool, since a statement may still be running on it.
   * `begin` opens the transaction: BEGIN, possibly followed by settings of the transaction, sent as one
   * statement without parameters (so in one round trip).
   */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (isBrokenConnection(error)) broken = error as Error;
      else if (!(error instanceof RolledBack)) await client.query('ROLLBACK').catch((rollbackFailure: Error) => (broken = rollbackFailure));
      throw error instanceof RolledBack ? error.cause : error;
    } finally {
      client.release(broken);
    }
  }

  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toStoreError(error);
    }
  }
}

/** An error after which the transaction was already rolled back. */
class RolledBack extends Error {
  constructor(override readonly cause: unknown) {
    super('rolled back');
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const candidate = error as { code?: string; constraint?: string };
  return candidate?.code === '23505' && candidate.constraint === constraint;
}
