import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { StoredEvent } from '../../../eventstore/event-envelope.js';
import { EVENT_STORE, type EventStore } from '../../../eventstore/event-store.port.js';
import { ExportEventsQuery } from './export-events.query.js';

/** Events read per page of an export. */
const EXPORT_PAGE = 1000;

@QueryHandler(ExportEventsQuery)
export class ExportEventsHandler implements IQueryHandler<ExportEventsQuery, AsyncIterable<StoredEvent>> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(query: ExportEventsQuery): Promise<AsyncIterable<StoredEvent>> {
    // Events appended while the export runs are left for the next one (`after` = the last position
    // exported): an export under steady writes still ends.
    const head = await this.store.headPosition();
    return this.pages(query.after, head);
  }

  private async *pages(after: number, head: number): AsyncGenerator<StoredEvent> {
    let position = after;
    while (position < head) {
      const page = await this.store.readAll({ after: position, limit: EXPORT_PAGE });
      if (page.length === 0) return;
      for (const event of page) {
        if (event.position > head) return;
        yield event;
      }
      position = page[page.length - 1].position;
    }
  }
}
