import type { OnModuleDestroy } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { type Clock, SystemClock } from '../common/clock/clock.js';
import { KeyedMutex } from '../common/concurrency/keyed-mutex.js';
import { idempotencyRecordOf } from '../common/idempotency/idempotency-record-of.js';
import type { AppendResult, PendingIdempotencyRecord } from '../eventstore/append.js';
import { IdempotencyKeyTakenError, WrongExpectedVersionError } from '../eventstore/event-store.errors.js';
import type { EventStore } from '../eventstore/event-store.port.js';
import type { IdempotencyRecord } from '../eventstore/idempotency-record.js';
import type { Snapshot } from '../eventstore/snapshot.js';
import { UpcastingEventStore } from '../eventstore/upcasting/upcasting-event-store.js';
import type { AggregateDefinition } from './aggregate-definition.js';
import { AggregateStateCache } from './aggregate-state-cache.js';
import type { CommandContext } from './command-context.js';
import type { CommandOutcome, RecordedOutcome } from './command-outcome.js';
import { ConcurrencyRetriesExhaustedError } from './concurrency-retries-exhausted.error.js';
import { type DomainEvent, toNewEvent } from './domain-event.js';
import type { EventSourcedAggregate } from './event-sourced-aggregate.js';
import { IdempotencyFingerprintMismatchError } from './idempotency-fingerprint-mismatch.error.js';

/** Where a repository publishes the events it appended (the `@nestjs/cqrs` EventBus is one). */
export interface EventPublisher {
  publishAll(events: DomainEvent[]): unknown;
}

/** Options of an {@link EventSourcedRepository}. */
export interface EventSourcedRepositoryOptions {
  /**
   * Snapshot an aggregate each time its version passes a multiple of this (default 10; 0: never).
   * Only for definitions with a `snapshotSchemaVersion`.
   */
  snapshotEvery?: number;
  /** Attempts of `execute` whose append met a concurrent writer before it gives up (default 30). */
  maxAttempts?: number;
  /**
   * How many recently written aggregates keep their snapshot state in memory, so a command usually
   * skips reading the store (default 0: none). Needs a `snapshotSchemaVersion`. Entries of streams
   * other processes append to are dropped as the store hears of it; a stale entry costs one retry.
   */
  cachedAggregates?: number;
  /** The time passed to decisions (default: the wall clock). */
  clock?: Clock;
}

/** A decision: given the current aggregate (null when it has no events yet) and the time, the aggregate with its new events applied. Throw to refuse. */
export type Decide<A> = (current: A | null, now: number) => A;

/** How `execute` records an idempotency key. */
export interface ExecuteIdempotency<A> {
  /** The key (one request: its retries share it). */
  key: string;
  /** What identifies the request (e.g. a hash of its body); a repeat with another is refused. Default ''. */
  fingerprint?: string;
  /**
   * For a caller that answers repeats itself (an HTTP layer replaying the first response): what the
   * key's record keeps. The repository then does not look the key up first, and an append whose key
   * was recorded meanwhile throws `IdempotencyKeyTakenError`. Without it, the repository records the
   * {@link RecordedOutcome} and answers a repeat with it (`replayed: true`), running nothing.
   */
  record?: { statusCode: number; body: (aggregate: A, appended: AppendResult) => unknown };
}

/** Options of one `execute`. */
export interface ExecuteOptions<A> {
  /** Refuse unless the aggregate is at exactly this version (0: does not exist): `WrongExpectedVersionError`, no retry. */
  expectedVersion?: number;
  /** The command's ids, stored with its events. */
  context?: CommandContext;
  /** Run the command once per key: a repeat appends nothing. */
  idempotency?: ExecuteIdempotency<A>;
}

/** Options of one `save`. */
export interface SaveOptions {
  /** The command's ids, stored with its events. */
  context?: CommandContext;
  /** An idempotency record written in the append's transaction. */
  idempotency?: PendingIdempotencyRecord;
}

/**
 * Loads and saves one type of {@link EventSourcedAggregate} on the event store, for any aggregate a
 * {@link AggregateDefinition} describes. Subclass it as an injectable provider (the subclass is just
 * configuration):
 *
 * ```ts
 * @Injectable()
 * export class OrderRepository extends EventSourcedRepository<Order> {
 *   constructor(@Inject(EVENT_STORE) store: EventStore, eventBus: EventBus) {
 *     super(store, eventBus, ORDER, { snapshotEvery: 5 });
 *   }
 * }
 * ```
 *
 * Guarantees: `load` reads the newest snapshot of the definition's state schema and only the events
 * after it; `save` appends with the loaded version as the expected version (a concurrent writer makes
 * it fail, nothing written), takes a snapshot in the same transaction each time the version passes a
 * multiple of `snapshotEvery`, and publishes the events only after they are committed; `execute` adds
 * per-aggregate queueing in the process, bounded retries on conflict, and idempotency keys.
 */
export class EventSourcedRepository<A extends EventSourcedAggregate<any, any>> implements OnModuleDestroy {
  private readonly mutex = new KeyedMutex();
  private readonly cache: AggregateStateCache<object> | null;
  private readonly snapshotEvery: number;
  private readonly maxAttempts: number;
  private readonly clock: Clock;
  private readonly stopListening: () => void;

  /**
   * @param publisher where appended events are published after their commit (the EventBus), or null.
   * @throws Error for options the definition cannot honour (a cache or snapshots without a snapshot schema).
   */
  constructor(
    protected readonly store: EventStore,
    private readonly publisher: EventPublisher | null,
    protected readonly definition: AggregateDefinition<A>,
    options: EventSourcedRepositoryOptions = {},
  ) {
    const snapshots = definition.snapshotSchemaVersion !== undefined;
    const cached = options.cachedAggregates ?? 0;
    if (cached > 0 && !snapshots) throw new Error(`${definition.aggregateType}: cachedAggregates needs a snapshotSchemaVersion`);
    this.snapshotEvery = snapshots ? (options.snapshotEvery ?? 10) : 0;
    this.maxAttempts = options.maxAttempts ?? 30;
    this.clock = options.clock ?? new SystemClock();
    this.cache = cached > 0 ? new AggregateStateCache(cached) : null;
    const cache = this.cache;
    // Events read through the module's store then carry the aggregate id, not the stream id.
    if (store instanceof UpcastingEventStore) store.streamNames.register(definition.aggregateType, definition.streamPrefix ?? '');
    // Another process wrote the stream: what is cached here is stale.
    this.stopListening = cache ? store.onForeignAppend((streamId) => cache.forget(streamId)) : () => undefined;
  }

  onModuleDestroy(): void {
    this.stopListening();
  }

  /** The stream an aggregate is stored in. */
  streamIdOf(aggregateId: string): string {
    return (this.definition.streamPrefix ?? '') + aggregateId;
  }

  /**
   * The aggregate as of `atVersion` (default: now), or null when it had no events then. Reads the
   * newest snapshot of the definition's state schema at or below that version, and the events after it.
   * @throws UnknownEventTypeError for a stored event its registry does not know.
   */
  async load(aggregateId: string, options: { atVersion?: number } = {}): Promise<A | null> {
    const streamId = this.streamIdOf(aggregateId);
    const { atVersion } = options;
    const schemaVersion = this.definition.snapshotSchemaVersion;
    const snapshot = schemaVersion === undefined ? null : await this.store.loadSnapshot(streamId, atVersion);
    const usable = snapshot && snapshot.schemaVersion === schemaVersion ? snapshot : null;
    const history = await this.store.readStream(streamId, { fromVersion: usable ? usable.version + 1 : 1, toVersion: atVersion });
    if (!usable && history.length === 0) return null;
    return this.definition
      .create(aggregateId)
      .rehydrate(
        usable && { state: usable.state, version: usable.version },
        history.map((stored) => this.definition.events.toDomainEvent(aggregateId, stored)),
      );
  }

  /**
   * Appends the aggregate's new events with its loaded version as the expected version, with the
   * idempotency record and, when the version passes a multiple of `snapshotEvery`, a snapshot, in one
   * transaction; then marks them persisted and publishes them. Nothing new: appends nothing (the
   * idempotency record is still saved) and resolves with position 0 and no events.
   * @throws WrongExpectedVersionError when another writer appended to the stream since it was loaded.
   * @throws IdempotencyKeyTakenError when the idempotency key is recorded already (nothing written).
   */
  async save(aggregate: A, options: SaveOptions = {}): Promise<AppendResult> {
    // A copy: marking them persisted empties the aggregate's own list.
    const events = [...aggregate.getUncommittedEvents()];
    const expectedVersion = aggregate.persistedVersion;
    if (events.length === 0) {
      const result: AppendResult = { version: expectedVersion, position: 0, events: [] };
      if (options.idempotency) await this.store.saveIdempotencyRecord({ ...options.idempotency, body: options.idempotency.body(result) });
      return result;
    }
    const streamId = this.streamIdOf(aggregate.id);
    const result = await this.store.append({
      streamId,
      streamType: this.definition.aggregateType,
      expectedVersion,
      events: events.map((event) => toNewEvent(event, options.context)),
      idempotency: options.idempotency,
      snapshot: this.snapshotToTake(aggregate, streamId, expectedVersion, events),
    });
    aggregate.markPersisted(result.version);
    this.cache?.remember(streamId, aggregate.snapshotState(), result.version);
    this.publisher?.publishAll(events);
    return result;
  }

  /**
   * Runs a command on one aggregate: load, `decide`, save. Commands on one aggregate queue in this
   * process; a conflict with another writer is decided again on a fresh load (jittered back-off, at
   * most `maxAttempts`), unless `expectedVersion` pins the version. With `idempotency`, a key already
   * recorded runs nothing and appends nothing.
   * @throws whatever `decide` throws (nothing appended).
   * @throws WrongExpectedVersionError when `expectedVersion` is not the aggregate's version.
   * @throws ConcurrencyRetriesExhaustedError after `maxAttempts` conflicts.
   * @throws IdempotencyFingerprintMismatchError when the key is recorded for another fingerprint.
   */
  execute(aggregateId: string, decide: Decide<A>, options: ExecuteOptions<A> = {}): Promise<CommandOutcome<A>> {
    const streamId = this.streamIdOf(aggregateId);
    return this.mutex.run(streamId, () => this.attempt(aggregateId, streamId, decide, options));
  }

  private async attempt(aggregateId: string, streamId: string, decide: Decide<A>, options: ExecuteOptions<A>): Promise<CommandOutcome<A>> {
    const { expectedVersion, idempotency } = options;
    const answersRepeats = idempotency !== undefined && idempotency.record === undefined;
    if (answersRepeats) {
      const recorded = await this.store.findIdempotencyRecord(idempotency.key);
      if (recorded) return replay(recorded, idempotency);
    }
    for (let attempt = 1; ; attempt++) {
      const cached = this.cache?.get(streamId);
      const current = cached ? this.definition.create(aggregateId).rehydrate(cached, []) : await this.load(aggregateId);
      let aggregate: A;
      try {
        const currentVersion = current?.version ?? 0;
        if (expectedVersion !== undefined && currentVersion !== expectedVersion) {
          throw new WrongExpectedVersionError(streamId, expectedVersion, currentVersion);
        }
        aggregate = decide(current, this.clock.now());
      } catch (error) {
        // Decided on a possibly stale cached state: decide again on the store's state.
        if (cached) {
          this.cache?.forget(streamId);
          continue;
        }
        throw error;
      }
      try {
        const appended = await this.save(aggregate, { context: options.context, idempotency: this.pendingRecord(aggregateId, aggregate, idempotency) });
        return { ...recordedOutcome(aggregateId, appended), replayed: false, aggregate };
      } catch (error) {
        if (error instanceof IdempotencyKeyTakenError && answersRepeats) {
          return replay(await idempotencyRecordOf(this.store, idempotency.key), idempotency);
        }
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (cached) {
          this.cache?.forget(streamId);
          continue;
        }
        if (expectedVersion !== undefined) throw error;
        if (attempt >= this.maxAttempts) throw new ConcurrencyRetriesExhaustedError(streamId, attempt);
        // Jittered back-off, so two processes racing for one stream stop meeting at the same moment.
        await delay(Math.random() * Math.min(25, 2 * attempt));
      }
    }
  }

  private pendingRecord(aggregateId: string, aggregate: A, idempotency: ExecuteIdempotency<A> | undefined): PendingIdempotencyRecord | undefined {
    if (!idempotency) return undefined;
    const { key, fingerprint = '', record } = idempotency;
    return {
      key,
      fingerprint,
      statusCode: record?.statusCode ?? 200,
      createdAt: this.clock.now(),
      body: record ? (appended) => record.body(aggregate, appended) : (appended) => recordedOutcome(aggregateId, appended),
    };
  }


  private snapshotToTake(aggregate: A, streamId: string, expectedVersion: number, events: readonly DomainEvent[]): Snapshot | undefined {
    const every = this.snapshotEvery;
    const version = expectedVersion + events.length;
    if (every <= 0 || Math.floor(version / every) <= Math.floor(expectedVersion / every)) return undefined;
    return {
      aggregateId: streamId,
      aggregateType: this.definition.aggregateType,
      version,
      state: { ...aggregate.snapshotState() },
      timestamp: events[events.length - 1].occurredAt,
      schemaVersion: this.definition.snapshotSchemaVersion as number,
    };
  }
}

function recordedOutcome(aggregateId: string, appended: AppendResult): RecordedOutcome {
  return { aggregateId, version: appended.version, position: appended.position, eventIds: appended.events.map((event) => event.id) };
}

/** The first outcome of a key, for a repeat of the same request. */
function replay<A>(record: IdempotencyRecord, idempotency: ExecuteIdempotency<A>): CommandOutcome<A> {
  if (record.fingerprint !== (idempotency.fingerprint ?? '')) throw new IdempotencyFingerprintMismatchError(record.key);
  return { ...(record.body as RecordedOutcome), replayed: true, aggregate: null };
}
