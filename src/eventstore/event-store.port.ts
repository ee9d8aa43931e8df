import type { AppendRequest, AppendResult } from './append.js';
import type { EventLocation } from './event-location.js';
import type { StoredEvent } from './event-envelope.js';
import type { IdempotencyRecord } from './idempotency-record.js';
import type { ProjectionCheckpoint, ProjectionCommit } from './projection-checkpoint.js';
import type { ProjectionLease } from './projection-lease.js';
import type { Snapshot } from './snapshot.js';
import type { StreamInfo } from './stream-info.js';

/** Injection token of the {@link EventStore}. */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** Which events of one stream `readStream` returns, and in which direction. */
export interface ReadStreamOptions {
  /** First version to read (default 1), inclusive. */
  fromVersion?: number;
  /** Last version to read, inclusive (default: the head). */
  toVersion?: number;
  /** At most this many events. */
  limit?: number;
  /** `backward` reads from `toVersion` (or the head) down to `fromVersion`. Default `forward`. */
  direction?: 'forward' | 'backward';
}

/** Which page of the global log `readAll` returns. */
export interface ReadAllOptions {
  /** Read events with a position strictly greater than this (default 0). */
  after?: number;
  /** At most this many events (required: the log is never read whole). */
  limit: number;
  /** Only events of these stored types. */
  eventTypes?: string[];
}

/**
 * The event-store port: an append-only log of streams with a global order. Every adapter passes the
 * conformance suite in `test/eventstore/event-store.contract.ts`; features depend only on this interface.
 *
 * Adapters translate connection failures and lock timeouts into `EventStoreUnavailableError`.
 */
export interface EventStore {
  /** The SQL dialect of read-model statements (the in-memory store keeps read models in SQLite). */
  readonly dialect: 'sqlite' | 'postgres';

  /**
   * Appends a batch of events to one stream atomically, with the idempotency record and snapshot of the
   * request in the same transaction. Events get consecutive stream versions and increasing positions.
   * @throws WrongExpectedVersionError when the stream is not at `expectedVersion` (nothing written).
   * @throws IdempotencyKeyTakenError when `idempotency.key` is already recorded (nothing written).
   */
  append(request: AppendRequest): Promise<AppendResult>;

  /**
   * Appends each request as `append` would, in the order given: positions follow that order, and a later
   * request to a stream sees the earlier ones. Each is atomic on its own; a refused one stops nothing
   * else. Where the store can, they share one transaction and one flush to disk (bulk writes: import).
   * Resolves with each request's outcome, in the same order; never rejects.
   */
  appendInOrder(requests: readonly AppendRequest[]): Promise<PromiseSettledResult<AppendResult>[]>;

  /** Events of one stream in version order (or reverse with `direction: 'backward'`); [] if none. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;

  /** One page of the global log in position order. */
  readAll(options: ReadAllOptions): Promise<StoredEvent[]>;

  /** The stream's type and current version, or null when it does not exist. */
  streamInfo(streamId: string): Promise<StreamInfo | null>;

  /** The stream's version as of a time: its last event with timestamp <= `timestamp` (0 if none). */
  streamVersionAt(streamId: string, timestamp: number): Promise<number>;

  /** Position of the newest event (0 for an empty store). */
  headPosition(): Promise<number>;

  /** Where the stored events among `ids` are, in any order; unknown ids are left out (import checks a file with it). */
  locateEvents(ids: readonly string[]): Promise<EventLocation[]>;

  /** The newest snapshot of a stream at or below `maxVersion` (default: any), or null. */
  loadSnapshot(streamId: string, maxVersion?: number): Promise<Snapshot | null>;

  /** Saves a snapshot; saving the same (stream, version) again replaces it. */
  saveSnapshot(snapshot: Snapshot): Promise<void>;

  /** How many snapshots are stored, kept as a counter (constant cost however many there are). */
  countSnapshots(): Promise<number>;

  /** The record of an idempotency key, or null. */
  findIdempotencyRecord(key: string): Promise<IdempotencyRecord | null>;

  /**
   * Records the outcome of a command that appended nothing (a refusal), so repeats get it again.
   * @throws IdempotencyKeyTakenError when the key is already recorded.
   */
  saveIdempotencyRecord(record: IdempotencyRecord): Promise<void>;

  /** The checkpoint of a projection, or null when it never committed. */
  loadCheckpoint(name: string): Promise<ProjectionCheckpoint | null>;

  /**
   * Runs the commit's read-model statements and saves its checkpoint in one transaction, in the same
   * database as the events: both commit or neither does.
   * @throws ProjectionCheckpointConflictError when the stored checkpoint is not at `expectedPosition`
   *   (or, with `expectedGeneration`, not at that generation).
   * @throws the database error of a failing statement, after rolling everything back.
   */
  commitProjection(commit: ProjectionCommit): Promise<void>;

  /**
   * Tries to take the lease of a projection; null when another worker (in this or another process)
   * holds it. Only the holder runs the projection; the checkpoint compare-and-set still guards commits.
   */
  tryAcquireLease(name: string): Promise<ProjectionLease | null>;

  /** Rows of a query on read-model tables (`?` placeholders). */
  queryReadModel<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]>;

  /**
   * Calls `listener` with the new head position after each append commits in this process (adapters
   * that can hear other processes' commits report those too). Returns the unsubscribe function.
   */
  onAppended(listener: (position: number) => void): () => void;

  /**
   * Calls `listener` with the id of each stream another process appended to, as far as the adapter can
   * hear other processes (an embedded store never does). For dropping cached state; a late or missed
   * call only costs a version conflict and a retry. Returns the unsubscribe function.
   */
  onForeignAppend(listener: (streamId: string) => void): () => void;

  /** Resolves when the store answers a trivial request. @throws EventStoreUnavailableError otherwise. */
  ping(): Promise<void>;

  /** Releases connections and files. The store is unusable afterwards. */
  close(): Promise<void>;
}
