import { aggregateSpecification, projectionSpecification, StoredEventFactory } from 'event-sourced-bank/testing';
import { ItemAdded } from './events/item-added.event.js';
import { OrderPlaced } from './events/order-placed.event.js';
import { OrderShipped } from './events/order-shipped.event.js';
import { Order } from './order.aggregate.js';
import { OrderError } from './order-errors.js';
import { ORDER } from './order.repository.js';
import { OrderTotalsProjection } from './order-totals.projection.js';

const T0 = Date.UTC(2026, 0, 1);
const order = aggregateSpecification(ORDER.create, 'o-1');

describe('Order (the host aggregate, with the testing kit)', () => {
  it('takes items once placed', () => {
    order
      .given(new OrderPlaced('o-1', 'ada', T0))
      .when((o) => o!.addItem('mug', 2, 450, T0 + 1))
      .then(new ItemAdded('o-1', 'mug', 2, 450, T0 + 1));
  });

  it('is placed from nothing', () => {
    order.given().when(() => Order.place('o-1', 'ada', T0)).then(new OrderPlaced('o-1', 'ada', T0));
  });

  it('refuses items once shipped, and an empty shipment', () => {
    order
      .given(new OrderPlaced('o-1', 'ada', T0), new ItemAdded('o-1', 'mug', 1, 450, T0 + 1), new OrderShipped('o-1', T0 + 2))
      .when((o) => o!.addItem('mug', 1, 450, T0 + 3))
      .thenThrows(OrderError);
    order.given(new OrderPlaced('o-1', 'ada', T0)).when((o) => o!.ship(T0 + 1)).thenThrows(/no items/);
  });
});

describe('OrderTotalsProjection (with the testing kit)', () => {
  it('sums each order in every batching of its events', async () => {
    const log = new StoredEventFactory({ aggregateType: 'Order' });
    const tables = await projectionSpecification(new OrderTotalsProjection())
      .given(
        log.event('o-1', 'OrderPlaced', { customer: 'ada' }),
        log.event('o-2', 'OrderPlaced', { customer: 'bob' }),
        log.event('o-1', 'ItemAdded', { sku: 'mug', quantity: 2, unitPriceCents: 450 }),
        log.event('o-2', 'ItemAdded', { sku: 'tea', quantity: 1, unitPriceCents: 300 }),
        log.event('o-1', 'ItemAdded', { sku: 'tea', quantity: 3, unitPriceCents: 300 }),
        log.event('o-1', 'OrderShipped', {}),
      )
      .whenProjectedInEveryBatching();
    expect(tables.order_totals).toEqual([
      { order_id: 'o-1', customer: 'ada', items: 5, total_cents: 1800, shipped: 1 },
      { order_id: 'o-2', customer: 'bob', items: 1, total_cents: 300, shipped: 0 },
    ]);
  });
});
