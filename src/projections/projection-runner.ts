import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { CLOCK, type Clock } from '../common/clock/clock.js';
import { EVENT_STORE, type EventStore } from '../eventstore/event-store.port.js';
import { ASYNC_PROJECTION_METADATA } from './async-projection.decorator.js';
import { EventLogProjection } from './event-log-projection.js';
import type { Projection } from './projection.js';
import { ProjectionNotFoundError } from './projection-not-found.error.js';
import type { ProjectionStatus } from './projection-status.js';
import { ProjectionTimeoutError } from './projection-timeout.error.js';
import { SharedEventReader } from './shared-event-reader.js';
import { ProjectionWorker, type RebuildResult } from './projection-worker.js';
import { PROJECTIONS_OPTIONS, type ProjectionsModuleOptions } from './projections.options.js';

/**
 * Runs every `@AsyncProjection()` provider of the application from the event log, one worker each,
 * woken by commits. Also the read side's way to wait for a projection (read-your-writes, `minPosition`).
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ProjectionRunner');
  private readonly workers = new Map<string, ProjectionWorker>();
  private head = 0;
  private unsubscribe: () => void = () => undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const settings = {
      batchSize: this.options.batchSize ?? 1000,
      coalesceMs: this.options.coalesceMs ?? 100,
      pollIntervalMs: this.options.pollIntervalMs ?? 1000,
      retryBaseMs: this.options.retryBaseMs ?? 100,
      retryMaxMs: this.options.retryMaxMs ?? 30_000,
    };
    const log = new SharedEventReader(this.store);
    for (const projection of this.discoverProjections()) {
      if (this.workers.has(projection.name)) throw new Error(`Two projections are named ${projection.name}`);
      const worker = new ProjectionWorker(projection, this.store, settings, log);
      if (projection instanceof EventLogProjection) projection.onPublished(() => worker.notify());
      this.workers.set(projection.name, worker);
    }
    this.unsubscribe = this.store.onAppended((position) => {
      this.head = Math.max(this.head, position);
      for (const worker of this.workers.values()) worker.notify();
    });
    this.head = Math.max(this.head, await this.store.headPosition());
    for (const worker of this.workers.values()) await worker.start();
    this.logger.log(`running ${[...this.workers.keys()].join(', ') || 'no projections'}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe();
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
  }

  /** Names of the running projections. */
  names(): string[] {
    return [...this.workers.keys()];
  }

  statuses(): ProjectionStatus[] {
    return [...this.workers.values()].map((worker) => worker.status(this.head));
  }

  /** The status of one projection. @throws ProjectionNotFoundError */
  status(name: string): ProjectionStatus {
    return this.worker(name).status(this.head);
  }

  /** The worker of a projection. @throws ProjectionNotFoundError */
  worker(name: string): ProjectionWorker {
    const worker = this.workers.get(name);
    if (!worker) throw new ProjectionNotFoundError(name, this.names());
    return worker;
  }

  /**
   * Waits before a read. With `minPosition`, until the projection has applied it (504 after the read
   * wait). Without, until it has applied every event this process committed before the read
   * (read-your-writes), unless it is faulted: then the read answers at once with what it has.
   */
  async awaitReadable(name: string, minPosition?: number): Promise<void> {
    const worker = this.worker(name);
    const waitMs = this.options.readWaitMs ?? 5000;
    if (minPosition !== undefined) {
      if (!(await worker.waitFor(minPosition, waitMs))) {
        throw new ProjectionTimeoutError(name, minPosition, worker.position, waitMs);
      }
      return;
    }
    if (!worker.faulted) await worker.waitFor(this.head, waitMs);
  }

  /** Read-your-writes for a read that spans every projection (their statuses). */
  async awaitAllReadable(): Promise<void> {
    await Promise.all(this.names().map((name) => this.awaitReadable(name)));
  }

  rebuild(name: string): Promise<RebuildResult> {
    return this.worker(name).rebuild(() => this.clock.now());
  }

  private discoverProjections(): Projection[] {
    return this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && wrapper.instance && Reflect.getMetadata(ASYNC_PROJECTION_METADATA, wrapper.metatype))
      .map((wrapper) => wrapper.instance as Projection);
  }
}
