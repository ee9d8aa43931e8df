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

/** Reads tried before settling for one that a projection commit may have run through. */
const CONSISTENT_READ_ATTEMPTS = 5;

/**
 * How query handlers read a projection: wait as the read asks, look up the live generation, query it.
 *
 * A read runs several statements (and, on PostgreSQL, each sees its own snapshot), while the projection
 * keeps committing. The checkpoint is read before and after the queries: a projection commit moves the
 * checkpoint in the same transaction as the rows (a rebuild's swap changes its generation), so when both
 * checkpoints agree, every query saw the state of exactly that checkpoint, and `lastProcessedVersion`
 * describes the data. Otherwise the read is repeated. Should commits keep landing mid-read, the last
 * attempt is answered with the earlier checkpoint: the data then holds at least the events up to it.
 */
@Injectable()
export class ProjectionReads {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async read<T>(name: string, minPosition: number | undefined, query: (table: TableNamer, store: EventStore) => Promise<T>): Promise<ProjectionRead<T>> {
    await this.runner.awaitReadable(name, minPosition);
    for (let attempt = 1; ; attempt++) {
      const checkpoint = await this.store.loadCheckpoint(name);
      const data = await query(tableNamer(checkpoint?.generation ?? 1), this.store);
      const after = await this.store.loadCheckpoint(name);
      const unchanged = after?.position === checkpoint?.position && after?.generation === checkpoint?.generation;
      if (unchanged || attempt >= CONSISTENT_READ_ATTEMPTS) {
        return { name, lastProcessedEvent: checkpoint?.eventId ?? null, lastProcessedVersion: checkpoint?.position ?? 0, data };
      }
    }
  }
}
