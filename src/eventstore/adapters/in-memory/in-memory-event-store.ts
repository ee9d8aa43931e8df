import Database, { type Database as SqliteDatabase } from 'better-sqlite3';
import { type AppendRequest, type AppendResult, appendOneAfterAnother } from '../../append.js';
import { AppendListeners } from '../../append-listeners.js';
import { storedEventOf } from '../../stored-event.js';
import { InProcessLeases, type ProjectionLease } from '../../projection-lease.js';
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
import type { Snapshot } from '../../snapshot.js';
import type { StreamInfo } from '../../stream-info.js';

/**
 * An event store in process memory, for unit tests. Same contract as the durable adapters; data is
 * deep-copied in and out so callers cannot mutate what is stored. Read models, being SQL, live in an
 * in-memory SQLite database that disappears with the store.
 */
export class InMemoryEventStore implements EventStore {
  readonly dialect = 'sqlite' as const;
  /** The global log; an event's position is its index + 1. */
  private readonly log: StoredEvent[] = [];
  private readonly eventsById = new Map<string, StoredEvent>();
  private readonly streams = new Map<string, { info: StreamInfo; events: StoredEvent[] }>();
  private readonly snapshots = new Map<string, Snapshot[]>();
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  private readonly checkpoints = new Map<string, ProjectionCheckpoint>();
  private readonly appendListeners = new AppendListeners();
  private readonly leases = new InProcessLeases();
  private readonly readModels: SqliteDatabase = new Database(':memory:');

  appendInOrder(requests: readonly AppendRequest[]): Promise<PromiseSettledResult<AppendResult>[]> {
    return appendOneAfterAnother((request) => this.append(request), requests);
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    const { streamId, streamType, expectedVersion, events } = request;
    if (events.length === 0) throw new RangeError('append needs at least one event');
    const stream = this.streams.get(streamId);
    const currentVersion = stream?.info.version ?? 0;
    if (currentVersion !== expectedVersion) throw new WrongExpectedVersionError(streamId, expectedVersion, currentVersion);
    if (request.idempotency && this.idempotency.has(request.idempotency.key)) {
      throw new IdempotencyKeyTakenError(request.idempotency.key);
    }
    const ids = new Set<string>();
    for (const { id } of events) {
      if (this.eventsById.has(id) || ids.has(id)) throw new DuplicateEventIdError(streamId, id);
      ids.add(id);
    }
    const stored = events.map((event, index) =>
      storedEventOf({ ...event, data: structuredClone(event.data) }, request, expectedVersion + index + 1, this.log.length + index + 1),
    );
    const version = expectedVersion + events.length;
    const result = { version, position: stored[stored.length - 1].position, events: structuredClone(stored) };
    // Everything that can throw runs before the first change, so a failed append writes nothing.
    const idempotency = request.idempotency && { ...request.idempotency, body: request.idempotency.body(result) };
    const target = stream ?? { info: { streamId, streamType, version: 0 }, events: [] };
    target.events.push(...stored);
    target.info.version = version;
    this.streams.set(streamId, target);
    this.log.push(...stored);
    for (const event of stored) this.eventsById.set(event.id, event);
    if (idempotency) this.idempotency.set(idempotency.key, structuredClone(idempotency));
    if (request.snapshot) await this.saveSnapshot(request.snapshot);
    this.appendListeners.notify(result.position);
    return result;
  }

  onAppended(listener: (position: number) => void): () => void {
    return this.appendListeners.add(listener);
  }

  /** One process owns the database: no other process appends. */
  onForeignAppend(): () => void {
    return () => undefined;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const events = this.streams.get(streamId)?.events ?? [];
    const from = options.fromVersion ?? 1;
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    // A stream's versions run 1, 2, 3, ...: version v sits at index v - 1.
    const first = Math.max(0, from - 1);
    const end = Math.min(events.length, to);
    const count = options.limit === undefined ? end - first : Math.min(options.limit, end - first);
    if (count <= 0) return [];
    const selected = options.direction === 'backward' ? events.slice(end - count, end).reverse() : events.slice(first, first + count);
    return structuredClone(selected);
  }

  async readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    const page: StoredEvent[] = [];
    const types = options.eventTypes && options.eventTypes.length > 0 ? new Set(options.eventTypes) : null;
    for (let index = Math.max(0, options.after ?? 0); index < this.log.length && page.length < options.limit; index++) {
      const event = this.log[index];
      if (!types || types.has(event.eventType)) page.push(event);
    }
    return structuredClone(page);
  }

  async streamInfo(streamId: string): Promise<StreamInfo | null> {
    const stream = this.streams.get(streamId);
    return stream ? { ...stream.info } : null;
  }

  async streamVersionAt(streamId: string, timestamp: number): Promise<number> {
    const events = this.streams.get(streamId)?.events ?? [];
    return events.filter((event) => event.metadata.timestamp <= timestamp).reduce((max, event) => Math.max(max, event.metadata.version), 0);
  }

  async headPosition(): Promise<number> {
    return this.log.length;
  }

  async locateEvents(ids: readonly string[]): Promise<EventLocation[]> {
    return ids.flatMap((id) => {
      const event = this.eventsById.get(id);
      return event ? [{ id, streamId: event.aggregateId, version: event.metadata.version }] : [];
    });
  }

  async loadSnapshot(streamId: string, maxVersion = Number.MAX_SAFE_INTEGER): Promise<Snapshot | null> {
    const candidates = (this.snapshots.get(streamId) ?? []).filter((snapshot) => snapshot.version <= maxVersion);
    return candidates.length === 0 ? null : structuredClone(candidates[candidates.length - 1]);
  }

  async saveSnapshot(snapshot: Snapshot): Promise<void> {
    const list = (this.snapshots.get(snapshot.aggregateId) ?? []).filter((existing) => existing.version !== snapshot.version);
    list.push(structuredClone(snapshot));
    list.sort((a, b) => a.version - b.version);
    this.snapshots.set(snapshot.aggregateId, list);
  }

  async countSnapshots(): Promise<number> {
    let count = 0;
    for (const list of this.snapshots.values()) count += list.length;
    return count;
  }

  async findIdempotencyRecord(key: string): Promise<IdempotencyRecord | null> {
    const record = this.idempotency.get(key);
    return record ? structuredClone(record) : null;
  }

  async saveIdempotencyRecord(record: IdempotencyRecord): Promise<void> {
    if (this.idempotency.has(record.key)) throw new IdempotencyKeyTakenError(record.key);
    this.idempotency.set(record.key, structuredClone(record));
  }

  async loadCheckpoint(name: string): Promise<ProjectionCheckpoint | null> {
    const checkpoint = this.checkpoints.get(name);
    return checkpoint ? { ...checkpoint } : null;
  }

  async commitProjection({ checkpoint, expectedPosition, expectedGeneration, statements }: ProjectionCommit): Promise<void> {
    const actual = this.checkpoints.get(checkpoint.name);
    const conflict = ProjectionCheckpointConflictError.between(checkpoint.name, { position: expectedPosition, generation: expectedGeneration }, actual);
    if (conflict) throw conflict;
    this.readModels.transaction(() => {
      for (const statement of statements) this.readModels.prepare(statement.sql).run(...(statement.params ?? []));
    })();
    this.checkpoints.set(checkpoint.name, { ...checkpoint });
  }

  async tryAcquireLease(name: string): Promise<ProjectionLease | null> {
    return this.leases.acquire(name);
  }

  async queryReadModel<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.readModels.prepare(sql).all(...params) as Row[];
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    if (this.readModels.open) this.readModels.close();
  }
}
