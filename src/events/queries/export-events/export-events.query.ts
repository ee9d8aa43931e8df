import { Query } from '@nestjs/cqrs';
import type { StoredEvent } from '../../../eventstore/event-envelope.js';

/**
 * Every event after a position, up to the head as it was when the export began, read page by page as
 * the consumer pulls them: an export of any size holds one page in memory.
 */
export class ExportEventsQuery extends Query<AsyncIterable<StoredEvent>> {
  constructor(readonly after: number) {
    super();
  }
}
