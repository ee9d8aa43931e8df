import { Logger } from '@nestjs/common';
import { setImmediate as yieldToEventLoop, setTimeout as delay } from 'node:timers/promises';
import { KeyedMutex } from '../common/concurrency/keyed-mutex.js';
import { StoreUnavailableError } from '../common/errors/store-unavailable.error.js';
import type { StoredEvent } from '../eventstore/event-envelope.js';
import { ProjectionCheckpointConflictError } from '../eventstore/event-store.errors.js';
import type { EventStore } from '../eventstore/event-store.port.js';
import type { ProjectionCheckpoint } from '../eventstore/projection-checkpoint.js';
import type { ProjectionLease } from '../eventstore/projection-lease.js';
import { type Projection, type ProjectionReader, tableNamer } from './projection.js';
import { eventStoreTarget, type ProjectionTarget } from './projection-target.js';
import type { ProjectionStatus } from './projection-status.js';
import { PositionWaiters } from './position-waiters.js';
import { SharedEventReader } from './shared-event-reader.js';

/** How often a worker without the lease re-reads the checkpoint while reads here are waiting. */
const FOLLOWER_WAIT_POLL_MS = 50;
const NOTHING = (): void => undefined;

export interface ProjectionWorkerSettings {
  batchSize: number;
  /** After a partial batch, wait this long for more events (unless a reader waits) to batch them. */
  coalesceMs: number;
  pollIntervalMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

/** How a rebuild ended: the projection's status and position after the swap, events replayed, time taken. */
export interface RebuildResult {
  name: string;
  status: ProjectionStatus['status'];
  lastProcessedVersion: number;
  eventsReplayed: number;
  durationMs: number;
}

/**
 * Runs one projection: reads the log after its checkpoint in batches, commits each batch's statements
 * with the new checkpoint (compare-and-set on the old one), and sleeps until woken when caught up.
 *
 * A failing batch is retried event by event, so the checkpoint stops exactly before the failing event;
 * that event is retried with exponential back-off while the projection shows `faulted`, and never
 * skipped. A rebuild fills the next generation of tables beside the live one, catches it up to the head
 * and swaps by committing the live checkpoint with the new generation.
 */
export class ProjectionWorker {
  private readonly logger: Logger;
  /** Serialises live steps and the rebuild's final swap. */
  private readonly lock = new KeyedMutex();
  private readonly waiters = new PositionWaiters();
  /** Where the read model and the checkpoint are committed (leases and the log stay the event store's). */
  private readonly target: ProjectionTarget<unknown>;
  private checkpoint: ProjectionCheckpoint;
  /** Whether the checkpoint has been loaded and the tables made (until then the checkpoint is position 0). */
  private initialized = false;
  private lastError: string | undefined;
  private failures = 0;
  /** Position up to which events are applied one by one, to stop exactly before a failing event. */
  private isolateUntil = 0;
  private rebuildState: ProjectionStatus['rebuild'] | undefined;
  private rebuildRun: Promise<RebuildResult> | undefined;
  private stopped = false;
  private woken = false;
  private wake: () => void = NOTHING;
  private loop: Promise<void> | undefined;
  /** Held while this process runs the projection; without it the worker only follows the checkpoint. */
  private lease: ProjectionLease | null = null;
  private nextLeaseAttempt = 0;
  /** Ends the current pause at once (on stop). */
  private interrupt: () => void = NOTHING;

  /** `log` serves the live reads, shared with the other workers of the process; rebuilds read the store. */
  constructor(
    readonly projection: Projection<unknown>,
    private readonly store: EventStore,
    private readonly settings: ProjectionWorkerSettings,
    private readonly log: SharedEventReader = new SharedEventReader(store),
  ) {
    this.logger = new Logger(`Projection ${projection.name}`);
    this.target = projection.target ?? (eventStoreTarget(store) as ProjectionTarget<unknown>);
    this.checkpoint = initialCheckpoint(projection.name, 1);
  }

  get name(): string {
    return this.projection.name;
  }

  get position(): number {
    return this.checkpoint.position;
  }

  get faulted(): boolean {
    return this.lastError !== undefined;
  }

  /**
   * Loads the checkpoint (creating generation 1 for a new projection), makes sure its tables exist, and
   * starts the loop. A projection in another store than the event store's (its own target) does this in
   * its loop instead, so that the service starts while that store is down: the projection shows
   * `faulted` and retries with back-off until the store answers.
   */
  async start(): Promise<void> {
    if (!this.projection.target) await this.initialize();
    this.loop = this.run();
  }

  private async initialize(): Promise<void> {
    // Instances starting together race to create the tables and may move the checkpoint meanwhile.
    for (let attempt = 1; ; attempt++) {
      const existing = await this.target.loadCheckpoint(this.name);
      const checkpoint = existing ?? initialCheckpoint(this.name, 1);
      try {
        await this.target.commitProjection({
          checkpoint,
          expectedPosition: checkpoint.position,
          expectedGeneration: checkpoint.generation,
          statements: this.projection.schema(tableNamer(checkpoint.generation), this.store.dialect),
        });
        this.checkpoint = checkpoint;
        this.initialized = true;
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        await delay(20 * attempt);
      }
    }
  }

  /** Stops after the current step. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.interrupt();
    this.notify();
    await this.loop;
    await this.rebuildRun?.catch(() => undefined);
    await this.lease?.release().catch(() => undefined);
    this.lease = null;
  }

  /** New events may be there. */
  notify(): void {
    this.woken = true;
    this.wake();
  }

  /** Resolves true once the live copy has applied `position`, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.waiters.waitFor(position, this.checkpoint.position, timeoutMs);
  }

  status(head: number): ProjectionStatus {
    return {
      name: this.name,
      worker: this.lease?.held ? 'active' : 'standby',
      status: this.lastError !== undefined ? 'faulted' : this.rebuildState ? 'rebuilding' : 'running',
      lastProcessedEvent: this.checkpoint.eventId,
      lastProcessedVersion: this.checkpoint.position,
      lag: Math.max(0, head - this.checkpoint.position),
      eventsProcessed: this.checkpoint.eventsProcessed,
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
      ...(this.rebuildState ? { rebuild: { ...this.rebuildState } } : {}),
    };
  }

  private async run(): Promise<void> {
    while (!this.stopped && !this.initialized) {
      try {
        await this.initialize();
      } catch (error) {
        await this.onFailure(error);
      }
    }
    while (!this.stopped) {
      this.woken = false;
      if (!(await this.holdLease())) {
        await this.follow();
        await this.waitAsFollower();
        continue;
      }
      let applied = 0;
      try {
        applied = await this.lock.run('live', () => this.step());
        if (this.lastError !== undefined) this.logger.log(`recovered at position ${this.checkpoint.position}`);
        this.lastError = undefined;
        this.failures = 0;
      } catch (error) {
        if (!(await this.followedSwap())) await this.onFailure(error);
        continue;
      }
      if (applied === 0 && !this.woken && !this.stopped) await this.sleep(this.settings.pollIntervalMs);
      else if (applied > 0 && applied < this.settings.batchSize) await this.coalesce();
      // An embedded store answers synchronously: let requests in between batches.
      else await yieldToEventLoop();
    }
  }

  /**
   * Whether this process holds the projection's lease, taking it when it is free. Without it, asks at
   * most once per poll interval: commits wake the worker far more often than leases change hands.
   */
  private async holdLease(): Promise<boolean> {
    if (this.lease?.held) return true;
    if (Date.now() < this.nextLeaseAttempt) return false;
    this.nextLeaseAttempt = Date.now() + this.settings.pollIntervalMs;
    this.lease = await this.store.tryAcquireLease(this.name).catch(() => null);
    if (!this.lease) return false;
    // Another process may have advanced the projection while this one followed.
    this.checkpoint = (await this.target.loadCheckpoint(this.name)) ?? this.checkpoint;
    return true;
  }

  /**
   * Without the lease: until the next lease attempt, or sooner while reads here wait for a position
   * (then the checkpoint is re-read often). Commits do not wake a follower: it has nothing to apply.
   */
  private waitAsFollower(): Promise<void> {
    const wait = this.waiters.pending > 0 ? FOLLOWER_WAIT_POLL_MS : Math.max(0, this.nextLeaseAttempt - Date.now());
    return this.pause(wait, { arrival: true });
  }

  /** Without the lease: keep the checkpoint current, so reads here wait for the holder's progress. */
  private async follow(): Promise<void> {
    try {
      this.checkpoint = (await this.target.loadCheckpoint(this.name)) ?? this.checkpoint;
      this.waiters.reached(this.checkpoint.position);
    } catch {
      // the store is unavailable; the next round tries again
    }
  }

  /** Applies the next batch to the live copy; returns how many events it applied. */
  private async step(): Promise<number> {
    const limit = this.checkpoint.position < this.isolateUntil ? 1 : this.settings.batchSize;
    const events = await this.log.read(this.checkpoint.position, limit);
    if (events.length === 0) return 0;
    try {
      this.checkpoint = await this.apply(this.checkpoint, events);
    } catch (error) {
      if (error instanceof ProjectionCheckpointConflictError) {
        const stored = await this.target.loadCheckpoint(this.name);
        // A target that lost its data (a Redis restarted without persistence) lost the checkpoint with it: start over.
        if (!stored) this.logger.warn(`checkpoint gone from the target at position ${this.checkpoint.position}: replaying the log`);
        this.checkpoint = stored ?? initialCheckpoint(this.name, this.checkpoint.generation);
        this.woken = true;
        return 0;
      }
      if (events.length > 1 && this.projection.isolatesFailures !== false) {
        this.isolateUntil = events[events.length - 1].position;
        this.woken = true;
        return 0;
      }
      throw new ProjectionEventError(events[0], error, events.length);
    }
    this.waiters.reached(this.checkpoint.position);
    return events.length;
  }

  /** Projects `events` onto the generation of `from` and commits them with the checkpoint after them. */
  private async apply(from: ProjectionCheckpoint, events: readonly StoredEvent[]): Promise<ProjectionCheckpoint> {
    const statements = await this.projection.project(events, tableNamer(from.generation), this.reader);
    const last = events[events.length - 1];
    const next: ProjectionCheckpoint = {
      ...from,
      position: last.position,
      eventId: last.id,
      eventsProcessed: from.eventsProcessed + events.length,
    };
    await this.target.commitProjection({ checkpoint: next, expectedPosition: from.position, expectedGeneration: from.generation, statements });
    return next;
  }

  /**
   * After a failed step: whether a rebuild elsewhere swapped in another generation meanwhile (then the
   * worker continues on it at once; the failure may only have been its old tables being dropped).
   */
  private async followedSwap(): Promise<boolean> {
    const stored = await this.target.loadCheckpoint(this.name).catch(() => null);
    if (!stored || stored.generation === this.checkpoint.generation) return false;
    this.checkpoint = stored;
    this.isolateUntil = 0;
    this.woken = true;
    return true;
  }

  private readonly reader: ProjectionReader = {
    query: (sql, params) => this.store.queryReadModel(sql, params),
  };

  private async onFailure(error: unknown): Promise<void> {
    this.failures += 1;
    const message = error instanceof Error ? error.message : String(error);
    if (this.lastError !== message) this.logger.error(message);
    this.lastError = message;
    const backoff = Math.min(this.settings.retryMaxMs, this.settings.retryBaseMs * 2 ** (this.failures - 1));
    // New events do not cut a back-off short (they would retry the failing event once per commit);
    // only stopping, or a rebuild that swaps in a healthy copy, ends it early.
    await this.pause(backoff, {});
  }

  /**
   * Under a steady trickle of commits, waiting a moment turns many one-event transactions into one
   * batch. A reader that starts waiting cuts the wait short, so read-your-writes stays immediate.
   */
  private coalesce(): Promise<void> {
    const coalesceMs = this.projection.coalesceMs ?? this.settings.coalesceMs;
    if (coalesceMs <= 0 || this.waiters.pending > 0) return yieldToEventLoop();
    return this.pause(coalesceMs, { arrival: true });
  }

  private sleep(ms: number): Promise<void> {
    return this.pause(ms, { wake: true });
  }

  /**
   * Waits `ms`, or less: until a reader starts waiting (`arrival`), until `notify()` (`wake`), or until
   * the worker stops. Plain timers and callbacks: this runs for every batch, so no abort signals.
   */
  private pause(ms: number, ends: { arrival?: boolean; wake?: boolean }): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let cancelArrival = NOTHING;
      const done = () => {
        clearTimeout(timer);
        cancelArrival();
        this.wake = NOTHING;
        this.interrupt = NOTHING;
        resolve();
      };
      const timer = setTimeout(done, ms);
      if (ends.arrival) cancelArrival = this.waiters.onNextArrival(done);
      if (ends.wake) this.wake = done;
      this.interrupt = done;
    });
  }

  /**
   * Replays the whole log into the next generation while the live copy keeps serving and advancing,
   * then swaps. A second request while one runs gets the running one's result.
   */
  rebuild(now: () => number): Promise<RebuildResult> {
    this.rebuildRun ??= this.runRebuild(now).finally(() => {
      this.rebuildRun = undefined;
      this.rebuildState = undefined;
    });
    return this.rebuildRun;
  }

  private async runRebuild(now: () => number): Promise<RebuildResult> {
    const startedAt = now();
    // The live generation is the store's: another instance may have swapped one in that this worker
    // has not applied anything to yet. Building beside a stale number would overwrite the live tables.
    const live = ((await this.target.loadCheckpoint(this.name)) ?? this.checkpoint).generation;
    const generation = live + 1;
    const name = `${this.name}#rebuild`;
    const previous = await this.target.loadCheckpoint(name);
    let copy = initialCheckpoint(name, generation);
    await this.target.commitProjection({
      checkpoint: copy,
      expectedPosition: previous?.position ?? 0,
      expectedGeneration: previous?.generation,
      // The generation before the live one may still be read by a request that looked it up before
      // the last swap; it is dropped only now, a whole rebuild later.
      statements: [...this.dropTables(live - 1), ...this.dropTables(generation), ...this.projection.schema(tableNamer(generation), this.store.dialect)],
    });
    this.rebuildState = { lastProcessedVersion: 0, eventsReplayed: 0, startedAt };

    const catchUp = async (): Promise<boolean> => {
      await yieldToEventLoop();
      // Stopping (shutdown) abandons the replay: the live copy is untouched, and the next rebuild starts over.
      if (this.stopped) throw new StoreUnavailableError(`Rebuild of ${this.name} abandoned: the service is stopping`);
      const events = await this.store.readAll({ after: copy.position, limit: this.settings.batchSize });
      if (events.length === 0) return false;
      copy = await this.apply(copy, events);
      this.rebuildState = { lastProcessedVersion: copy.position, eventsReplayed: copy.eventsProcessed, startedAt };
      return events.length === this.settings.batchSize;
    };
    while (await catchUp());

    return this.lock.run('live', async () => {
      let swapped: ProjectionCheckpoint;
      for (;;) {
        while (await catchUp());
        // The live copy may be advanced by another process meanwhile: swap by compare-and-set on the
        // position read here, once the fresh copy has reached it.
        const live = (await this.target.loadCheckpoint(this.name)) ?? this.checkpoint;
        if (copy.position < live.position) continue;
        swapped = { ...copy, name: this.name };
        try {
          await this.target.commitProjection({
            checkpoint: swapped,
            expectedPosition: live.position,
            expectedGeneration: live.generation,
            statements: [],
          });
          break;
        } catch (error) {
          if (!(error instanceof ProjectionCheckpointConflictError)) throw error;
        }
      }
      this.checkpoint = swapped;
      this.lastError = undefined;
      this.failures = 0;
      this.isolateUntil = 0;
      this.interrupt();
      this.waiters.reached(swapped.position);
      this.logger.log(`rebuilt generation ${generation} from ${swapped.eventsProcessed} events`);
      return {
        name: this.name,
        status: 'running' as const,
        lastProcessedVersion: swapped.position,
        eventsReplayed: swapped.eventsProcessed,
        durationMs: now() - startedAt,
      };
    });
  }

  private dropTables(generation: number): unknown[] {
    if (generation < 1) return [];
    const table = tableNamer(generation);
    return this.target.dropTables(this.projection.tables.map(table));
  }
}

/** The checkpoint of a projection (or copy) that has applied nothing yet. */
function initialCheckpoint(name: string, generation: number): ProjectionCheckpoint {
  return { name, position: 0, eventId: null, eventsProcessed: 0, generation };
}

/** A projection failed on one event; the message names it. */
export class ProjectionEventError extends Error {
  /** `count` > 1: the batch of `count` events from `event` failed (a projection that does not isolate failures). */
  constructor(event: StoredEvent, cause: unknown, count = 1) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const where = count === 1 ? `event ${event.id}, ${event.eventType} at position ${event.position}` : `${count} events from position ${event.position}`;
    super(`${reason} (${where})`, { cause });
    this.name = 'ProjectionEventError';
  }
}
