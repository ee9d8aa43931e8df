import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import type { CommandOutcome } from 'event-sourced-bank/eventsourcing';
import { EVENT_STORE, type EventStore } from 'event-sourced-bank/eventstore';
import { ProjectionReads, ProjectionRunner } from 'event-sourced-bank/projections';
import { Order } from './order.aggregate.js';
import { OrderError } from './order-errors.js';
import { OrderRepository } from './order.repository.js';
import { AddItemRequest, PlaceOrderRequest, ShipOrderRequest, TotalsQuery } from './order.requests.js';
import { ORDER_TOTALS } from './order-totals.projection.js';

interface OrderTotalRow {
  order_id: string;
  customer: string;
  items: number;
  total_cents: number | string;
  shipped: number;
}

/** The host's own routes over the toolkit: commands through the repository, reads from the projection. */
@Controller()
export class OrdersController {
  constructor(
    private readonly orders: OrderRepository,
    private readonly reads: ProjectionReads,
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post('orders')
  async place(@Body() body: PlaceOrderRequest, @Headers('idempotency-key') key?: string) {
    const outcome = await this.orders.execute(
      body.orderId,
      (existing, now) => {
        if (existing) throw OrderError.alreadyPlaced(body.orderId);
        return Order.place(body.orderId, body.customer, now);
      },
      { idempotency: key ? { key, fingerprint: `place:${body.orderId}:${body.customer}` } : undefined },
    );
    return answer(body.orderId, outcome);
  }

  @Post('orders/:orderId/items')
  @HttpCode(200)
  async addItem(@Param('orderId') orderId: string, @Body() body: AddItemRequest, @Headers('idempotency-key') key?: string) {
    const outcome = await this.orders.execute(
      orderId,
      (order, now) => {
        if (!order) throw OrderError.notFound(orderId);
        order.addItem(body.sku, body.quantity, body.unitPriceCents, now);
        return order;
      },
      {
        expectedVersion: body.expectedVersion,
        idempotency: key ? { key, fingerprint: `item:${orderId}:${body.sku}:${body.quantity}:${body.unitPriceCents}` } : undefined,
      },
    );
    return answer(orderId, outcome);
  }

  @Post('orders/:orderId/ship')
  @HttpCode(200)
  async ship(@Param('orderId') orderId: string, @Body() body: ShipOrderRequest) {
    const outcome = await this.orders.execute(
      orderId,
      (order, now) => {
        if (!order) throw OrderError.notFound(orderId);
        order.ship(now);
        return order;
      },
      { expectedVersion: body.expectedVersion },
    );
    return answer(orderId, outcome);
  }

  @Get('orders/:orderId')
  async get(@Param('orderId') orderId: string) {
    const order = await this.orders.load(orderId);
    if (!order) throw OrderError.notFound(orderId);
    return { orderId, version: order.version, ...order.snapshotState() };
  }

  @Get('orders/:orderId/snapshot')
  async snapshot(@Param('orderId') orderId: string) {
    const snapshot = await this.store.loadSnapshot(this.orders.streamIdOf(orderId));
    if (!snapshot) throw OrderError.notFound(orderId);
    return snapshot;
  }

  @Get('order-totals')
  async totals(@Query() query: TotalsQuery) {
    const read = await this.reads.read(ORDER_TOTALS, query.minPosition, (table, store) =>
      store.queryReadModel<OrderTotalRow>(`SELECT * FROM ${table('order_totals')} ORDER BY order_id`),
    );
    const orders = Object.fromEntries(
      read.data.map((row) => [row.order_id, { customer: row.customer, items: Number(row.items), totalCents: Number(row.total_cents), shipped: row.shipped === 1 }]),
    );
    return { position: read.lastProcessedVersion, orders };
  }

  @Get('admin/projections')
  async projections() {
    await this.runner.awaitAllReadable();
    return { head: await this.store.headPosition(), projections: this.runner.statuses() };
  }

  @Post('admin/projections/:name/rebuild')
  @HttpCode(200)
  rebuild(@Param('name') name: string) {
    return this.runner.rebuild(name);
  }
}

function answer(orderId: string, outcome: CommandOutcome<Order>) {
  return { orderId, version: outcome.version, position: outcome.position, replayed: outcome.replayed };
}
