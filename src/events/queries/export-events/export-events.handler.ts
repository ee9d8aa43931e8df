import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { StoredEvent } from '../../../eventstore/event-envelope.js';
import { EVENT_STORE, type EventStore } from '../../../eventstore/event-store.port.js';
import { eventsAfter } from '../events-after.js';
import { ExportEventsQuery } from './export-events.query.js';

@QueryHandler(ExportEventsQuery)
export class ExportEventsHandler implements IQueryHandler<ExportEventsQuery, AsyncIterable<StoredEvent>> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(query: ExportEventsQuery): Promise<AsyncIterable<StoredEvent>> {
    // Events appended while the export runs are left for the next one (`after` = the last position
    // exported): an export under steady writes still ends.
    return eventsAfter(this.store, { after: query.after, until: await this.store.headPosition() });
  }
}
