import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { StoredEvent } from '../../../eventstore/event-envelope.js';
import { EVENT_STORE, type EventStore } from '../../../eventstore/event-store.port.js';
import { FollowEventStreamQuery } from './follow-event-stream.query.js';

/** Events read per page while catching up. */
const FOLLOW_PAGE = 1000;

@QueryHandler(FollowEventStreamQuery)
export class FollowEventStreamHandler implements IQueryHandler<FollowEventStreamQuery, AsyncIterable<StoredEvent>> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(query: FollowEventStreamQuery): Promise<AsyncIterable<StoredEvent>> {
    return this.follow(query);
  }

  /**
   * Reads pages until one is empty, then sleeps until the store reports a commit (in this process, or
   * for PostgreSQL in any) or the signal aborts. A commit reported while a read runs is not lost: the
   * count of commits is compared before sleeping.
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
        const page = await this.store.readAll({ after: position, limit: FOLLOW_PAGE, eventTypes });
        for (const event of page) {
          if (signal.aborted) return;
          yield event;
        }
        if (page.length > 0) {
          position = page[page.length - 1].position;
          continue;
        }
        if (commits === seen && !signal.aborted) await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
    }
  }
}
