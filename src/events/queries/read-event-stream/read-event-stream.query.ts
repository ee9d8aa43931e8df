import { Query } from '@nestjs/cqrs';
import type { StoredEvent } from '../../../eventstore/event-envelope.js';

/** One page of the global log after a position, optionally of some event types only. */
export class ReadEventStreamQuery extends Query<StoredEvent[]> {
  constructor(
    readonly after: number,
    readonly limit: number,
    readonly eventTypes: string[],
  ) {
    super();
  }
}
