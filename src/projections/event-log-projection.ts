import type { IEventHandler } from '@nestjs/cqrs';
import type { StoredEvent } from '../eventstore/event-envelope.js';
import type { SqlStatement } from '../eventstore/projection-checkpoint.js';
import type { Projection, ProjectionReader, TableNamer } from './projection.js';

/**
 * Base of the service's projections. Subclasses are `@EventsHandler` classes, but the EventBus only
 * nudges them: it runs handlers concurrently, fire-and-forget, and swallows their errors, so ordered,
 * checkpointed delivery comes from the projection runner reading the log.
 */
export abstract class EventLogProjection implements Projection, IEventHandler {
  abstract readonly name: string;
  abstract readonly tables: readonly string[];
  private nudge: () => void = () => undefined;

  abstract schema(table: TableNamer, dialect: 'sqlite' | 'postgres'): SqlStatement[];

  abstract project(events: readonly StoredEvent[], table: TableNamer, reader: ProjectionReader): Promise<SqlStatement[]>;

  /** Called by the runner: how a published event wakes the worker of this projection. */
  onPublished(nudge: () => void): void {
    this.nudge = nudge;
  }

  /** An event was published on the EventBus: the runner will find it in the log. */
  handle(): void {
    this.nudge();
  }
}
