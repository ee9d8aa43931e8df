import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { StoredEvent } from '../../../eventstore/event-envelope.js';
import { EVENT_STORE, type EventStore } from '../../../eventstore/event-store.port.js';
import { eventsAfter } from '../events-after.js';
import { FollowEventStreamQuery } from './follow-event-stream.query.js';

@QueryHandler(FollowEventStreamQuery)
export class FollowEventStreamHandler implements IQueryHandler<FollowEventStreamQuery, AsyncIterable<StoredEvent>> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(query: FollowEventStreamQuery): Promise<AsyncIterable<StoredEvent>> {
    return this.follow(query);
  }

  /**
   * Reads the stored events after the position reached, then sleeps until the store reports a commit
   * (in this process, or for PostgreSQL in any) or the signal aborts. A commit reported while a read runs
   * is not lost: the count of commits is compared before sleeping.
   */
  private async *follow({ after, eventTypes, signal }: FollowEventStreamQuery): AsyncGenerator<StoredEvent> {
    let position = after;
    let commits = 0;
    let wake: () => void = () => undefined;
    const unsubscribe = this.store.onAppended(() => {
      commits++;
      wake();
    });
    const onAbort = () => wake();
    signal.addEventListener('abort', onAbort);
    try {
      while (!signal.aborted) {
        const seen = commits;
        for await (const event of eventsAfter(this.store, { after: position, eventTypes })) {
          if (signal.aborted) return;
          yield event;
          position = event.position;
        }
        if (commits === seen && !signal.aborted) await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
    }
  }
}
