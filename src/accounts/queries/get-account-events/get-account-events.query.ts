import { Query } from '@nestjs/cqrs';
import type { StoredEvent } from '../../../eventstore/event-envelope.js';

/** One page of an account's events in version order. */
export class GetAccountEventsQuery extends Query<StoredEvent[]> {
  constructor(
    readonly accountId: string,
    readonly fromVersion: number,
    readonly limit: number,
  ) {
    super();
  }
}
