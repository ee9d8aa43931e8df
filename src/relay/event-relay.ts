import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { StoredEvent } from '../eventstore/event-envelope.js';
import { AsyncProjection } from '../projections/async-projection.decorator.js';
import type { Projection } from '../projections/projection.js';
import { eventMessageOf } from './event-message.js';
import { EVENT_RELAY_OPTIONS_TOKEN, type EventRelayModuleOptions } from './event-relay.options.js';
import type { RabbitMqPublisher } from './rabbitmq-publisher.js';

/** Name of the relay in `GET /projections`, its checkpoint and its lease. */
export const EVENT_RELAY = 'EventRelay';

/** Injection token of the relay's {@link RabbitMqPublisher}. */
export const RELAY_PUBLISHER = Symbol('RELAY_PUBLISHER');

/**
 * Relays every committed event to RabbitMQ, in global position order, as a checkpointed subscriber of
 * the log run by the projection runner: a batch is published and confirmed by the broker before its
 * checkpoint is committed, so a crash (or a lost broker) between the two publishes those events again
 * (at-least-once, never a gap; consumers deduplicate by `messageId`, the event id). A broker that
 * cannot be reached fails the batch: the relay shows `faulted`, retries with back-off, and continues
 * from its checkpoint; commands are not held up. On PostgreSQL one instance relays at a time (the lease).
 * It keeps no read model.
 */
@Injectable()
@AsyncProjection()
export class EventRelay implements Projection, OnModuleDestroy {
  readonly name = EVENT_RELAY;
  readonly tables: readonly string[] = [];
  /** A failure is the broker's, not an event's: retry whole batches (the checkpoint stays before them). */
  readonly isolatesFailures = false;
  /** Consumers wait for what the relay gathers: a short wait (default 25 ms) still makes batches under load. */
  readonly coalesceMs: number;
  private publishedEvents = 0;

  constructor(
    @Inject(RELAY_PUBLISHER) private readonly publisher: RabbitMqPublisher,
    @Inject(EVENT_RELAY_OPTIONS_TOKEN) options: EventRelayModuleOptions,
  ) {
    this.coalesceMs = options.coalesceMs ?? 25;
  }

  /** Events this instance published and the broker confirmed (a re-published one counts again). */
  get published(): number {
    return this.publishedEvents;
  }

  schema(): [] {
    return [];
  }

  async project(events: readonly StoredEvent[]): Promise<[]> {
    await this.publisher.publish(events.map(eventMessageOf));
    this.publishedEvents += events.length;
    return [];
  }

  async onModuleDestroy(): Promise<void> {
    await this.publisher.close();
  }
}
