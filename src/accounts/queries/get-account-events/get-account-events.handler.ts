import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { StoredEvent } from '../../../eventstore/event-envelope.js';
import { EVENT_STORE, type EventStore } from '../../../eventstore/event-store.port.js';
import { AccountNotFoundError } from '../../domain/errors/account-not-found.error.js';
import { GetAccountEventsQuery } from './get-account-events.query.js';

@QueryHandler(GetAccountEventsQuery)
export class GetAccountEventsHandler implements IQueryHandler<GetAccountEventsQuery, StoredEvent[]> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(query: GetAccountEventsQuery): Promise<StoredEvent[]> {
    const events = await this.store.readStream(query.accountId, { fromVersion: query.fromVersion, limit: query.limit });
    if (events.length === 0 && !(await this.store.streamInfo(query.accountId))) {
      throw new AccountNotFoundError(query.accountId);
    }
    return events;
  }
}
