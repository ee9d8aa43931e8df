import { Query } from '@nestjs/cqrs';
import type { StoredEvent } from '../../../eventstore/event-envelope.js';

/**
 * The global log followed live: the stored events after a position (optionally of some types only),
 * then each new one as it commits, until `signal` aborts. Read page by page as the consumer pulls.
 */
export class FollowEventStreamQuery extends Query<AsyncIterable<StoredEvent>> {
  constructor(
    readonly after: number,
    readonly eventTypes: string[],
    readonly signal: AbortSignal,
  ) {
    super();
  }
}
