import { Inject, Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../common/clock/clock.js';
import { EventSourcedRepository } from '../eventsourcing/event-sourced-repository.js';
import { EVENT_STORE, type EventStore } from '../eventstore/event-store.port.js';
import type { Transfer } from './domain/transfer.aggregate.js';
import { TRANSFER } from './domain/transfer.definition.js';

/** Transfer streams on the event store: the generic repository; an ending that meets a concurrent append is retried up to 10 times. */
@Injectable()
export class TransferRepository extends EventSourcedRepository<Transfer> {
  constructor(@Inject(EVENT_STORE) store: EventStore, eventBus: EventBus, @Inject(CLOCK) clock: Clock) {
    super(store, eventBus, TRANSFER, { maxAttempts: 10, clock });
  }
}
