import { Logger } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database, { type Database as SqliteDatabase, type Statement } from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { AppendRequest, AppendResult } from '../../append.js';
import { AppendListeners } from '../../append-listeners.js';
import { EVENT_COLUMNS, storedEventOf } from '../../stored-event.js';
import { InProcessLeases, type ProjectionLease } from '../../projection-lease.js';
import type { StoredEvent } from '../../event-envelope.js';
import type { EventLocation } from '../../event-location.js';
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  IdempotencyKeyTakenError,
  ProjectionCheckpointConflictError,
  WrongExpectedVersionError,
} from '../../event-store.errors.js';
import type { EventStore, ReadAllOptions, ReadStreamOptions } from '../../event-store.port.js';
import type { IdempotencyRecord } from '../../idempotency-record.js';
import type { ProjectionCheckpoint, ProjectionCommit } from '../../projection-checkpoint.js';
import type { Snapshot } from '../../snapshot.js';
import type { StreamInfo } from '../../stream-info.js';
import { SQLITE_SCHEMA } from './sqlite-schema.js';
import { type FlushToDisk, WalSync } from './wal-sync.js';
import { WalCheckpointSchedule } from './wal-checkpoint-schedule.js';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';
import { type EventValues, type SnapshotRow, toSnapshot, toStoredEvent } from './sqlite-rows.js';

/** How many prepared read-model statements the store keeps (the projections use a few dozen at a time). */
const READ_MODEL_STATEMENTS_KEPT = 256;

/** SQLite's own checkpoint threshold (pages of log), used again if the checkpointer fails. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/** Default of {@link SqliteEventStoreOptions.diskTimeoutMs}. */
const DISK_TIMEOUT_MS = 10_000;

export interface SqliteEventStoreOptions {
  /** Database file; its folder is created when missing. `:memory:` for a throwaway database. */
  path: string;
  /** How long a writer waits for another process's lock before the store reports itself unavailable. */
  busyTimeoutMs?: number;
  /**
   * `full` (default): every acknowledged append is on disk, safe against power loss (the write-ahead
   * log is flushed before the append resolves; see WalSync). `normal`: appends survive a killed process
   * but the last ones may be lost if the machine itself crashes; faster.
   */
  synchronous?: 'full' | 'normal';
  /** With `synchronous: 'full'`: how the write-ahead log is flushed; by default an fdatasync of the file. */
  flushWal?: (walPath: string) => FlushToDisk;
  /**
   * What copies the write-ahead log into the database file: by default a worker thread with its own
   * connection (startWalCheckpointer); `null` leaves it to SQLite, inside the commit that crosses
   * 1,000 pages of log, on the event loop.
   */
  checkpointer?: ((databasePath: string) => WalCheckpointer) | null;
  /** Least time between the starts of two checkpoints (default 200 ms). */
  checkpointIntervalMs?: number;
  /**
   * How long an append waits for the disk (default 10,000 ms): for a flush of the write-ahead log, or for
   * a checkpoint that holds commits. An append still waiting then is refused with
   * EventStoreUnavailableError, and while one such flush or checkpoint has lasted longer, appends are
   * refused at once and `ping` fails: a disk that stopped answering makes the store unavailable instead
   * of leaving every writer hanging. A checkpoint that holds no commits and lasts longer fails `ping`
   * alone: appends do not wait for it.
   */
  diskTimeoutMs?: number;
}

/**
 * The embedded event store on SQLite (better-sqlite3, WAL). SQLite runs one writer at a time, so
 * positions are handed out in commit order and a reader following `position > checkpoint` never skips.
 * With `synchronous: 'full'` (the default) every acknowledged append is durable, not only against a
 * killed process but against power loss: appends commit without waiting for the disk and resolve after
 * a flush of the write-ahead log that began after their commit (WalSync), so the flush never blocks
 * the event loop and concurrent appends share it. Reads wait for that flush too: nothing is shown
 * before it is on disk.
 */
export class SqliteEventStore implements EventStore {
  readonly dialect = 'sqlite' as const;
  private readonly db: SqliteDatabase;
  /** Flushes the write-ahead log before appends are acknowledged; null with `synchronous: 'normal'`. */
  private readonly walSync: WalSync | null = null;
  private closeWal: () => void = () => undefined;
  /** Checkpoints the write-ahead log off the event loop; null when SQLite does it in the commits. */
  private readonly checkpoints: WalCheckpointSchedule | null = null;
  private readonly statements: ReturnType<SqliteEventStore['prepareStatements']>;
  private readonly readAllByTypes = new Map<number, Statement>();
  private readonly appendListeners = new AppendListeners();
  private readonly leases = new InProcessLeases();
  /**
   * Prepared read-model statements by SQL text: projections reuse a handful of statements per batch.
   * Bounded: the text names a table generation and the length of an IN list, so every rebuild and every
   * new batch shape makes new ones, and the old generations' tables are dropped.
   */
  private readonly readModelStatements = new LRUCache<string, Statement>({ max: READ_MODEL_STATEMENTS_KEPT });
  /** Runs a group of appends in one transaction; each in its own savepoint, so one refusal spoils nothing else. */
  private readonly groupTransaction: (requests: AppendRequest[]) => AppendOutcome[];
  private pendingAppends: PendingAppend[] = [];
  private readonly projectionTransaction: (commit: ProjectionCommit) => void;
  private readonly saveSnapshotTransaction: (snapshot: Snapshot) => void;
  private readonly diskTimeoutMs: number;

  constructor(options: SqliteEventStoreOptions) {
    this.diskTimeoutMs = options.diskTimeoutMs ?? DISK_TIMEOUT_MS;
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    // Commits never wait for the disk themselves; durable appends wait for WalSync instead.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    this.db.exec(SQLITE_SCHEMA);
    if (options.path !== ':memory:' && options.checkpointer !== null) {
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpoints = new WalCheckpointSchedule(
        (options.checkpointer ?? startWalCheckpointer)(options.path),
        options.checkpointIntervalMs ?? 200,
        () => {
          if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
        },
      );
    }
    if (options.synchronous !== 'normal' && options.path !== ':memory:') {
      const walPath = `${options.path}-wal`;
      if (options.flushWal) {
        this.walSync = new WalSync(options.flushWal(walPath));
      } else {
        const wal = WalSync.forFile(walPath);
        this.walSync = wal.sync;
        this.closeWal = wal.close;
      }
    }
    this.statements = this.prepareStatements();
    const single = this.db.transaction((request: AppendRequest) => this.appendInTransaction(request));
    const group = this.db.transaction((requests: AppendRequest[]) =>
      requests.map((request) => {
        const outcome = attempt(() => single(request));
        // Most failures undo only their own savepoint. Some (a full disk while the page cache spills,
        // certain I/O errors) make SQLite roll back the whole transaction: the appends before this one
        // are undone too, and the ones after it must not run on in autocommit. Refuse the group.
        if ('error' in outcome && !this.db.inTransaction) throw groupRolledBack(outcome.error);
        return outcome;
      }),
    );
    this.groupTransaction = (requests) => group.immediate(requests);
    this.saveSnapshotTransaction = this.db.transaction((snapshot: Snapshot) => this.writeSnapshot(snapshot));
    const projection = this.db.transaction((commit: ProjectionCommit) => this.commitProjectionInTransaction(commit));
    this.projectionTransaction = (commit) => projection.immediate(commit);
  }

  private prepareStatements() {
    const db = this.db;
    return {
      streamInfo: db.prepare<[string], { stream_id: string; stream_type: string; version: number }>(
        'SELECT stream_id, stream_type, version FROM streams WHERE stream_id = ?',
      ),
      insertStream: db.prepare('INSERT INTO streams (stream_id, stream_type, version) VALUES (?, ?, ?)'),
      updateStream: db.prepare('UPDATE streams SET version = ? WHERE stream_id = ?'),
      insertEvent: db.prepare(
        `INSERT INTO events (id, stream_id, stream_type, version, event_type, data, schema_version, timestamp,
           correlation_id, causation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      readForward: db
        .prepare<[string, number, number, number], EventValues>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND version >= ? AND version <= ? ORDER BY version LIMIT ?`,
        )
        .raw(),
      readBackward: db
        .prepare<[string, number, number, number], EventValues>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND version >= ? AND version <= ? ORDER BY version DESC LIMIT ?`,
        )
        .raw(),
      readAll: db.prepare<[number, number], EventValues>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw(),
      versionAt: db.prepare<[string, number], { version: number | null }>(
        'SELECT max(version) AS version FROM events WHERE stream_id = ? AND timestamp <= ?',
      ),
      head: db.prepare<[], { position: number | null }>('SELECT max(position) AS position FROM events'),
      locateEvents: db.prepare<[string], EventLocation>(
        'SELECT id, stream_id AS streamId, version FROM events WHERE id IN (SELECT value FROM json_each(?))',
      ),
      loadSnapshot: db.prepare<[string, number], SnapshotRow>(
        'SELECT * FROM snapshots WHERE stream_id = ? AND version <= ? ORDER BY version DESC LIMIT 1',
      ),
      saveSnapshot: db.prepare(
        `INSERT OR REPLACE INTO snapshots (stream_id, version, stream_type, state, timestamp, schema_version)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      snapshotExists: db.prepare<[string, number], { found: number }>(
        'SELECT 1 AS found FROM snapshots WHERE stream_id = ? AND version = ?',
      ),
      incrementCounter: db.prepare(
        `INSERT INTO store_counters (name, value) VALUES (?, 1)
         ON CONFLICT (name) DO UPDATE SET value = value + 1`,
      ),
      readCounter: db.prepare<[string], { value: number }>('SELECT value FROM store_counters WHERE name = ?'),
      findIdempotency: db.prepare<
        [string],
        { key: string; fingerprint: string; status_code: number; body: string; created_at: number }
      >('SELECT * FROM idempotency_records WHERE key = ?'),
      insertIdempotency: db.prepare(
        'INSERT INTO idempotency_records (key, fingerprint, status_code, body, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      loadCheckpoint: db.prepare<
        [string],
        { name: string; position: number; event_id: string | null; events_processed: number; generation: number }
      >(
        'SELECT * FROM projection_checkpoints WHERE name = ?',
      ),
      saveCheckpoint: db.prepare(
        `INSERT INTO projection_checkpoints (name, position, event_id, events_processed, generation) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET position = excluded.position, event_id = excluded.event_id,
           events_processed = excluded.events_processed, generation = excluded.generation`,
      ),
    };
  }

  /**
   * Appends are group-committed: pending appends share one transaction, each in a savepoint of its own,
   * and one WAL flush after it. An append resolves only once its commit is on disk.
   */
  append(request: AppendRequest): Promise<AppendResult> {
    const stalled = this.diskStall();
    if (stalled) return Promise.reject(stalled);
    return new Promise<AppendResult>((resolve, reject) => {
      this.pendingAppends.push({ request, resolve, reject });
      if (this.pendingAppends.length === 1) this.scheduleGroup();
    });
  }

  /** Every request joins the same group: one transaction in this order, one flush to disk. */
  appendInOrder(requests: readonly AppendRequest[]): Promise<PromiseSettledResult<AppendResult>[]> {
    return Promise.allSettled(requests.map((request) => this.append(request)));
  }

  /**
   * When the pending appends commit: at the next turn of the event loop, or, while a WAL flush runs
   * (or a checkpoint that commits wait for, see WalCheckpointSchedule), as soon as it ends.
   * An append is acknowledged only after a flush that starts after its commit, so committing during a
   * flush would answer no one sooner; waiting lets every append requested meanwhile share one
   * transaction, and most of a transaction's cost is its commit, not its rows. Appends that wait longer
   * than the disk timeout are refused, nothing of them stored.
   */
  private scheduleGroup(): void {
    const flushing = this.walSync?.flushing ?? null;
    const barrier = this.checkpoints?.commitsWaitFor ?? null;
    if (!flushing && !barrier) setImmediate(this.commitPending);
    else void this.withinDiskTimeout(Promise.allSettled([flushing, barrier]), 'none of them was stored').then(this.commitPending, this.refusePending);
  }

  private readonly commitPending = (): void => this.flushAppends();

  private readonly refusePending = (error: unknown): void => {
    const group = this.pendingAppends;
    this.pendingAppends = [];
    for (const pending of group) pending.reject(error);
  };

  /**
   * `wait`, unless the disk timeout passes first: then an EventStoreUnavailableError saying what became
   * of the writes that waited (`outcome`).
   */
  private withinDiskTimeout<T>(wait: Promise<T>, outcome: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new EventStoreUnavailableError(`SQLite store: the disk did not answer within ${this.diskTimeoutMs} ms; ${outcome}`)),
        this.diskTimeoutMs,
      );
      timer.unref();
      wait.then(
        (value) => (clearTimeout(timer), resolve(value)),
        (error: unknown) => (clearTimeout(timer), reject(error)),
      );
    });
  }

  /**
   * Why writes are refused at once: a WAL flush, or a checkpoint that holds commits, has lasted longer
   * than the disk timeout. Null while the disk answers.
   */
  private diskStall(): EventStoreUnavailableError | null {
    const waited = this.pastDiskTimeout(Math.min(this.walSync?.runningSince ?? Infinity, this.checkpoints?.commitsHeldSince ?? Infinity));
    if (waited === null) return null;
    return new EventStoreUnavailableError(`SQLite store: the disk has not finished a write for ${waited} ms; it takes no writes until it does`);
  }

  /**
   * Why the store reports itself unhealthy while it still takes writes: a checkpoint that holds no
   * commits has lasted longer than the disk timeout. Appends stay durable (the log is flushed on its
   * own), but no later checkpoint can start, so the write-ahead log grows until this one ends.
   */
  private checkpointStall(): EventStoreUnavailableError | null {
    const waited = this.pastDiskTimeout(this.checkpoints?.runningSince ?? Infinity);
    if (waited === null) return null;
    return new EventStoreUnavailableError(
      `SQLite store: a WAL checkpoint has not finished for ${waited} ms; the write-ahead log grows until it does`,
    );
  }

  /** How long ago `since` (ms since the epoch; Infinity for never) was, when longer than the disk timeout; else null. */
  private pastDiskTimeout(since: number): number | null {
    const waited = Date.now() - since;
    return waited > this.diskTimeoutMs ? waited : null;
  }

  private flushAppends(): void {
    const group = this.pendingAppends;
    if (group.length === 0) return;
    this.pendingAppends = [];
    const failed = this.walSync?.failed;
    if (failed) {
      for (const pending of group) pending.reject(flushFailure(failed.error));
      return;
    }
    let outcomes: AppendOutcome[];
    try {
      outcomes = this.groupTransaction(group.map((pending) => pending.request));
    } catch (error) {
      for (const pending of group) pending.reject(toStoreError(error));
      return;
    }
    this.checkpoints?.afterCommit();
    outcomes.forEach((outcome, index) => {
      if ('error' in outcome) group[index].reject(toStoreError(outcome.error));
    });
    const settle = () => {
      let head = 0;
      outcomes.forEach((outcome, index) => {
        if (!('result' in outcome)) return;
        head = Math.max(head, outcome.result.position);
        group[index].resolve(outcome.result);
      });
      if (head > 0) this.appendListeners.notify(head);
    };
    if (!this.walSync || !outcomes.some((outcome) => 'result' in outcome)) return settle();
    this.onDisk().then(settle, (error: unknown) => {
      outcomes.forEach((outcome, index) => {
        if ('result' in outcome) group[index].reject(error);
      });
    });
  }

  /**
   * Right after a commit that no one may see before it is on disk: resolves once it is (at once without
   * a WalSync), by the WAL flush that begins after it.
   * @throws EventStoreUnavailableError when the flush fails, or does not end within the disk timeout
   *   (then what was committed is stored but not known to be on disk).
   */
  private onDisk(): Promise<void> {
    if (!this.walSync) return Promise.resolve();
    return this.withinDiskTimeout(asFlushFailure(this.walSync.durable()), 'what was written is not known to be on disk, and may or may not be stored');
  }

  /**
   * Runs a read once every commit made before it is on disk. No reader sees an event that a power cut
   * could still take back, and whose position a later event could then take (as a reader of SQLite with
   * `synchronous = FULL` never does). Every such commit asks WalSync for a flush as it is made, so the
   * flush still pending there covers them all: while none is, the read runs at once; under writes, it
   * waits for at most the running flush and the next.
   */
  private readOnDisk<T>(read: () => T): Promise<T> {
    const failed = this.walSync?.failed;
    if (failed) return Promise.reject(flushFailure(failed.error));
    const unflushed = this.walSync?.pending;
    if (!unflushed) return this.run(read);
    const stalled = this.diskStall();
    if (stalled) return Promise.reject(stalled);
    return this.withinDiskTimeout(asFlushFailure(unflushed), 'the read waited for writes not yet on disk').then(() => this.run(read));
  }

  onAppended(listener: (position: number) => void): () => void {
    return this.appendListeners.add(listener);
  }

  /** One process owns the database: no other process appends. */
  onForeignAppend(): () => void {
    return () => undefined;
  }

  private appendInTransaction(request: AppendRequest): AppendResult {
    const { streamId, streamType, expectedVersion, events } = request;
    if (events.length === 0) throw new RangeError('append needs at least one event');
    const stream = this.statements.streamInfo.get(streamId);
    const currentVersion = stream?.version ?? 0;
    if (currentVersion !== expectedVersion) {
      throw new WrongExpectedVersionError(streamId, expectedVersion, currentVersion);
    }
    const version = expectedVersion + events.length;
    if (stream) this.statements.updateStream.run(version, streamId);
    else this.statements.insertStream.run(streamId, streamType, version);

    const stored: StoredEvent[] = events.map((event, index) => {
      const eventVersion = expectedVersion + index + 1;
      let info: { lastInsertRowid: number | bigint };
      try {
        info = this.statements.insertEvent.run(
          event.id,
          streamId,
          streamType,
          eventVersion,
          event.eventType,
          JSON.stringify(event.data),
          event.schemaVersion,
          event.timestamp,
          event.correlationId ?? null,
          event.causationId ?? null,
        );
      } catch (error) {
        throw isDuplicateEventId(error) ? new DuplicateEventIdError(streamId, event.id) : error;
      }
      return storedEventOf(event, request, eventVersion, Number(info.lastInsertRowid));
    });
    const result = { version, position: stored[stored.length - 1].position, events: stored };
    if (request.idempotency) this.insertIdempotency({ ...request.idempotency, body: request.idempotency.body(result) });
    if (request.snapshot) this.writeSnapshot(request.snapshot);
    return result;
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const from = options.fromVersion ?? 1;
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    const limit = options.limit ?? -1;
    const statement = options.direction === 'backward' ? this.statements.readBackward : this.statements.readForward;
    return this.readOnDisk(() => statement.all(streamId, from, to, limit).map(toStoredEvent));
  }

  readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    const after = options.after ?? 0;
    const types = options.eventTypes;
    if (!types || types.length === 0) {
      return this.readOnDisk(() => this.statements.readAll.all(after, options.limit).map(toStoredEvent));
    }
    return this.readOnDisk(() => this.readAllByTypesStatement(types.length).all(...types, after, options.limit).map((row) => toStoredEvent(row as EventValues)));
  }

  private readAllByTypesStatement(count: number): Statement {
    let statement = this.readAllByTypes.get(count);
    if (!statement) {
      const placeholders = Array.from({ length: count }, () => '?').join(', ');
      statement = this.db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE event_type IN (${placeholders}) AND position > ? ORDER BY position LIMIT ?`,
      ).raw();
      this.readAllByTypes.set(count, statement);
    }
    return statement;
  }

  streamInfo(streamId: string): Promise<StreamInfo | null> {
    return this.readOnDisk(() => {
      const row = this.statements.streamInfo.get(streamId);
      return row ? { streamId: row.stream_id, streamType: row.stream_type, version: row.version } : null;
    });
  }

  streamVersionAt(streamId: string, timestamp: number): Promise<number> {
    return this.readOnDisk(() => this.statements.versionAt.get(streamId, timestamp)?.version ?? 0);
  }

  headPosition(): Promise<number> {
    return this.readOnDisk(() => this.statements.head.get()?.position ?? 0);
  }

  locateEvents(ids: readonly string[]): Promise<EventLocation[]> {
    return this.readOnDisk(() => this.statements.locateEvents.all(JSON.stringify(ids)));
  }

  loadSnapshot(streamId: string, maxVersion = Number.MAX_SAFE_INTEGER): Promise<Snapshot | null> {
    return this.readOnDisk(() => {
      const row = this.statements.loadSnapshot.get(streamId, maxVersion);
      return row ? toSnapshot(row) : null;
    });
  }

  saveSnapshot(snapshot: Snapshot): Promise<void> {
    return this.run(() => this.saveSnapshotTransaction(snapshot));
  }

  countSnapshots(): Promise<number> {
    return this.readOnDisk(() => this.statements.readCounter.get('snapshots')?.value ?? 0);
  }

  /** Saves a snapshot and counts it when it is new; runs inside the caller's transaction if there is one. */
  private writeSnapshot(snapshot: Snapshot): void {
    if (!this.statements.snapshotExists.get(snapshot.aggregateId, snapshot.version)) {
      this.statements.incrementCounter.run('snapshots');
    }
    this.statements.saveSnapshot.run(
      snapshot.aggregateId,
      snapshot.version,
      snapshot.aggregateType,
      JSON.stringify(snapshot.state),
      snapshot.timestamp,
      snapshot.schemaVersion,
    );
  }

  /**
   * A record is looked up once it is on disk, like every read: its response is about to be replayed to a
   * client as an acknowledgement, and the commit that wrote it may still be waiting for its WAL flush.
   */
  async findIdempotencyRecord(key: string): Promise<IdempotencyRecord | null> {
    const row = await this.readOnDisk(() => this.statements.findIdempotency.get(key));
    if (!row) return null;
    return {
      key: row.key,
      fingerprint: row.fingerprint,
      statusCode: row.status_code,
      body: JSON.parse(row.body) as unknown,
      createdAt: row.created_at,
    };
  }

  async saveIdempotencyRecord(record: IdempotencyRecord): Promise<void> {
    // The flush is asked for in the same turn as the insert: no read in between sees the record first.
    await this.run(() => {
      this.insertIdempotency(record);
      return this.onDisk();
    });
  }

  private insertIdempotency(record: IdempotencyRecord): void {
    try {
      this.statements.insertIdempotency.run(
        record.key,
        record.fingerprint,
        record.statusCode,
        JSON.stringify(record.body),
        record.createdAt,
      );
    } catch (error) {
      if (isSqliteError(error, 'SQLITE_CONSTRAINT_PRIMARYKEY')) throw new IdempotencyKeyTakenError(record.key);
      throw error;
    }
  }

  loadCheckpoint(name: string): Promise<ProjectionCheckpoint | null> {
    return this.run(() => {
      const row = this.statements.loadCheckpoint.get(name);
      return row
        ? {
            name: row.name,
            position: row.position,
            eventId: row.event_id,
            eventsProcessed: row.events_processed,
            generation: row.generation,
          }
        : null;
    });
  }

  /**
   * Projection commits do not wait for the disk: WAL keeps each one atomic, so read model and
   * checkpoint still move together, and what a power cut could take away is re-applied from the
   * checkpoint (a projection commit is never on disk without the events before it: the log is a prefix).
   */
  async commitProjection(commit: ProjectionCommit): Promise<void> {
    await this.checkpoints?.commitsWaitFor;
    await this.run(() => this.projectionTransaction(commit));
    this.checkpoints?.afterCommit();
  }

  private commitProjectionInTransaction({ checkpoint, expectedPosition, expectedGeneration, statements }: ProjectionCommit): void {
    const actual = this.statements.loadCheckpoint.get(checkpoint.name);
    const conflict = ProjectionCheckpointConflictError.between(checkpoint.name, { position: expectedPosition, generation: expectedGeneration }, actual);
    if (conflict) throw conflict;
    for (const statement of statements) this.readModelStatement(statement.sql).run(...(statement.params ?? []));
    this.statements.saveCheckpoint.run(
      checkpoint.name,
      checkpoint.position,
      checkpoint.eventId,
      checkpoint.eventsProcessed,
      checkpoint.generation,
    );
  }

  async tryAcquireLease(name: string): Promise<ProjectionLease | null> {
    return this.leases.acquire(name);
  }

  queryReadModel<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.run(() => this.readModelStatement(sql).all(...params) as Row[]);
  }

  private readModelStatement(sql: string): Statement {
    let statement = this.readModelStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.readModelStatements.set(sql, statement);
    }
    return statement;
  }

  /** Fails once a WAL flush has failed: the store no longer takes writes (health reports it down). */
  ping(): Promise<void> {
    const failed = this.walSync?.failed;
    if (failed) return Promise.reject(flushFailure(failed.error));
    const stalled = this.diskStall() ?? this.checkpointStall();
    if (stalled) return Promise.reject(stalled);
    return this.run(() => {
      this.db.prepare('SELECT 1').get();
    });
  }

  /**
   * Commits the pending appends, waits for their flush and for a running checkpoint, and closes. A disk
   * that stopped answering holds the close (and so a shutdown) no longer than the disk timeout.
   */
  async close(): Promise<void> {
    if (this.pendingAppends.length > 0) this.flushAppends();
    const diskDone = Promise.all([this.walSync?.idle(), this.checkpoints?.close()]);
    await this.withinDiskTimeout(diskDone, 'the store closes without waiting for it').catch((error: unknown) => {
      new Logger('SqliteEventStore').warn(error instanceof Error ? error.message : String(error));
    });
    if (this.db.open) this.db.close();
    const closeWal = this.closeWal;
    this.closeWal = () => undefined;
    closeWal();
  }

  /** Runs a synchronous database call, turning lock timeouts and I/O failures into "unavailable". */
  private run<T>(call: () => T): Promise<T> {
    try {
      return Promise.resolve(call());
    } catch (error) {
      return Promise.reject(toStoreError(error));
    }
  }
}

interface PendingAppend {
  request: AppendRequest;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type AppendOutcome = { result: AppendResult } | { error: unknown };

function attempt(append: () => AppendResult): AppendOutcome {
  try {
    return { result: append() };
  } catch (error) {
    return { error };
  }
}

/**
 * The SQLite result code of an error, or undefined. Matched by name rather than `instanceof`: the native
 * addon keeps the first `SqliteError` class it was given, which differs when the module is loaded twice
 * in one process (as test runners do).
 */
function sqliteCode(error: unknown): string | undefined {
  const candidate = error as { name?: unknown; code?: unknown } | null;
  return candidate?.name === 'SqliteError' && typeof candidate.code === 'string' ? candidate.code : undefined;
}

function isSqliteError(error: unknown, code: string): boolean {
  return sqliteCode(error) === code;
}

/** A failed flush of the write-ahead log: writes since are not known to be on disk. */
function flushFailure(error: unknown): EventStoreUnavailableError {
  return new EventStoreUnavailableError('SQLite store could not flush its write-ahead log; it takes no writes until restarted', {
    cause: error,
  });
}

/** The unique index on event ids refused an insert: the id is already stored. */
function isDuplicateEventId(error: unknown): boolean {
  return sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE' && /events\.id/.test((error as Error).message);
}

/** `flush`, its failure turned into the store's. */
function asFlushFailure(flush: Promise<void>): Promise<void> {
  return flush.catch((error: unknown) => {
    throw flushFailure(error);
  });
}

/** SQLite rolled back a group of appends as a whole: none of them is stored. */
function groupRolledBack(error: unknown): EventStoreUnavailableError {
  return new EventStoreUnavailableError('SQLite store rolled back a group of appends; none of them was stored', { cause: error });
}

/** Lock timeouts and I/O failures become EventStoreUnavailableError; other errors pass unchanged. */
function toStoreError(error: unknown): unknown {
  return isUnavailable(error) ? new EventStoreUnavailableError('SQLite store unavailable', { cause: error }) : error;
}

function isUnavailable(error: unknown): boolean {
  if (error instanceof TypeError && /database connection is not open/.test(error.message)) return true;
  return /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|READONLY|CORRUPT|NOTADB)/.test(sqliteCode(error) ?? '');
}
