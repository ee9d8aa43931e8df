import type { AppendRequest, AppendResult } from '../append.js';
import type { StoredEvent } from '../event-envelope.js';
import type { EventLocation } from '../event-location.js';
import type { EventStore, ReadAllOptions, ReadStreamOptions } from '../event-store.port.js';
import type { IdempotencyRecord } from '../idempotency-record.js';
import type { ProjectionCheckpoint, ProjectionCommit } from '../projection-checkpoint.js';
import type { ProjectionLease } from '../projection-lease.js';
import type { Snapshot } from '../snapshot.js';
import type { StreamInfo } from '../stream-info.js';
import type { StreamNames } from '../stream-names.js';
import type { EventUpcasters } from './event-upcasters.js';

/**
 * An event store whose reads return every event as the application reads it: in its current shape (the
 * adapter's events passed through the application's upcasters) and with its aggregate id (a stream
 * stored under a prefix, see {@link StreamNames}, shows the id without it). Writes and everything else
 * go to the adapter unchanged, so older shapes stay stored as they were written (an older release's
 * database, or events imported from one).
 *
 * A read filtered by event types names current types: it also returns older events upcast into one of
 * them, and not the events of a type that was renamed since.
 */
export class UpcastingEventStore implements EventStore {
  constructor(
    private readonly adapter: EventStore,
    private readonly upcasters: EventUpcasters,
    /** How aggregates are named in streams; repositories register their prefixes here. */
    readonly streamNames: StreamNames,
  ) {}

  get dialect(): EventStore['dialect'] {
    return this.adapter.dialect;
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return this.streamNames.presentAll(this.upcasters.upcastAll(await this.adapter.readStream(streamId, options)));
  }

  async readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    const wanted = options.eventTypes;
    if (!wanted || wanted.length === 0 || this.upcasters.isEmpty) return this.streamNames.presentAll(this.upcasters.upcastAll(await this.adapter.readAll(options)));
    const eventTypes = this.upcasters.storedTypesOf(wanted);
    // No stored type can hold a wanted event (only renamed types were asked for); [] would mean "any".
    if (eventTypes.length === 0) return [];
    const events = this.upcasters.upcastAll(await this.adapter.readAll({ ...options, eventTypes }));
    return this.streamNames.presentAll(events.filter((event) => wanted.includes(event.eventType)));
  }

  append(request: AppendRequest): Promise<AppendResult> {
    return this.adapter.append(request);
  }

  appendInOrder(requests: readonly AppendRequest[]): Promise<PromiseSettledResult<AppendResult>[]> {
    return this.adapter.appendInOrder(requests);
  }

  streamInfo(streamId: string): Promise<StreamInfo | null> {
    return this.adapter.streamInfo(streamId);
  }

  streamVersionAt(streamId: string, timestamp: number): Promise<number> {
    return this.adapter.streamVersionAt(streamId, timestamp);
  }

  headPosition(): Promise<number> {
    return this.adapter.headPosition();
  }

  locateEvents(ids: readonly string[]): Promise<EventLocation[]> {
    return this.adapter.locateEvents(ids);
  }

  loadSnapshot(streamId: string, maxVersion?: number): Promise<Snapshot | null> {
    return this.adapter.loadSnapshot(streamId, maxVersion);
  }

  saveSnapshot(snapshot: Snapshot): Promise<void> {
    return this.adapter.saveSnapshot(snapshot);
  }

  countSnapshots(): Promise<number> {
    return this.adapter.countSnapshots();
  }

  findIdempotencyRecord(key: string): Promise<IdempotencyRecord | null> {
    return this.adapter.findIdempotencyRecord(key);
  }

  saveIdempotencyRecord(record: IdempotencyRecord): Promise<void> {
    return this.adapter.saveIdempotencyRecord(record);
  }

  loadCheckpoint(name: string): Promise<ProjectionCheckpoint | null> {
    return this.adapter.loadCheckpoint(name);
  }

  commitProjection(commit: ProjectionCommit): Promise<void> {
    return this.adapter.commitProjection(commit);
  }

  tryAcquireLease(name: string): Promise<ProjectionLease | null> {
    return this.adapter.tryAcquireLease(name);
  }

  queryReadModel<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return this.adapter.queryReadModel<Row>(sql, params);
  }

  onAppended(listener: (position: number) => void): () => void {
    return this.adapter.onAppended(listener);
  }

  onForeignAppend(listener: (streamId: string) => void): () => void {
    return this.adapter.onForeignAppend(listener);
  }

  ping(): Promise<void> {
    return this.adapter.ping();
  }

  close(): Promise<void> {
    return this.adapter.close();
  }
}
