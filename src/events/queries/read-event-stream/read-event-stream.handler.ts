import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { StoredEvent } from '../../../eventstore/event-envelope.js';
import { EVENT_STORE, type EventStore } from '../../../eventstore/event-store.port.js';
import { ReadEventStreamQuery } from './read-event-stream.query.js';

@QueryHandler(ReadEventStreamQuery)
export class ReadEventStreamHandler implements IQueryHandler<ReadEventStreamQuery, StoredEvent[]> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(query: ReadEventStreamQuery): Promise<StoredEvent[]> {
    return this.store.readAll({ after: query.after, limit: query.limit, eventTypes: query.eventTypes });
  }
}
