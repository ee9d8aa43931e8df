import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../eventstore/event-store.port.js';
import { type TableNamer, tableNamer } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';

/** A projection's read: its data with the checkpoint it was read at. */
export interface ProjectionRead<T> {
  name: string;
  lastProcessedEvent: string | null;
  lastProcessedVersion: number;
  data: T;
}

/** How query handlers read a projection: wait as the read asks, look up the live generation, query it. */
@Injectable()
export class ProjectionReads {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async read<T>(name: string, minPosition: number | undefined, query: (table: TableNamer, store: EventStore) => Promise<T>): Promise<ProjectionRead<T>> {
    await this.runner.awaitReadable(name, minPosition);
    const checkpoint = await this.store.loadCheckpoint(name);
    const generation = checkpoint?.generation ?? 1;
    return {
      name,
      lastProcessedEvent: checkpoint?.eventId ?? null,
      lastProcessedVersion: checkpoint?.position ?? 0,
      data: await query(tableNamer(generation), this.store),
    };
  }
}
