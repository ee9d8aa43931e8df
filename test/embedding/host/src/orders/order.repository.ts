import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventBus } from '@nestjs/cqrs';
import { type AggregateDefinition, EventSourcedRepository } from 'event-sourced-bank/eventsourcing';
import { EVENT_STORE, type EventStore } from 'event-sourced-bank/eventstore';
import { Order } from './order.aggregate.js';
import { ORDER_EVENTS, type OrderEvent } from './events/order-events.js';

/** Orders are stored in streams `order-<id>` (events read from the store carry the order id), with snapshots of state schema 1. */
export const ORDER: AggregateDefinition<Order, OrderEvent> = {
  aggregateType: 'Order',
  events: ORDER_EVENTS,
  create: (id) => new Order(id),
  streamPrefix: 'order-',
  snapshotSchemaVersion: 1,
};

/** Orders on the toolkit's event store: configuration only. */
@Injectable()
export class OrderRepository extends EventSourcedRepository<Order> {
  constructor(@Inject(EVENT_STORE) store: EventStore, eventBus: EventBus, config: ConfigService) {
    super(store, eventBus, ORDER, { snapshotEvery: Number(config.get('ORDER_SNAPSHOT_EVERY') ?? 10), cachedAggregates: 1000 });
  }
}
