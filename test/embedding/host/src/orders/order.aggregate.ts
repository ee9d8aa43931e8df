import { EventSourcedAggregate } from 'event-sourced-bank/eventsourcing';
import { OrderError } from './order-errors.js';
import { ItemAdded } from './events/item-added.event.js';
import type { OrderEvent } from './events/order-events.js';
import { OrderPlaced } from './events/order-placed.event.js';
import { OrderShipped } from './events/order-shipped.event.js';

/** What an order's snapshot keeps. */
export interface OrderState {
  customer: string;
  items: number;
  totalCents: number;
  shipped: boolean;
}

/** An order: placed, filled with items, shipped. */
export class Order extends EventSourcedAggregate<OrderEvent, OrderState> {
  private state: OrderState = { customer: '', items: 0, totalCents: 0, shipped: false };

  static place(orderId: string, customer: string, now: number): Order {
    const order = new Order(orderId);
    order.apply(new OrderPlaced(orderId, customer, now));
    return order;
  }

  addItem(sku: string, quantity: number, unitPriceCents: number, now: number): void {
    if (this.state.shipped) throw OrderError.shipped(this.id);
    this.apply(new ItemAdded(this.id, sku, quantity, unitPriceCents, now));
  }

  ship(now: number): void {
    if (this.state.shipped) throw OrderError.shipped(this.id);
    if (this.state.items === 0) throw OrderError.empty(this.id);
    this.apply(new OrderShipped(this.id, now));
  }

  override snapshotState(): OrderState {
    return { ...this.state };
  }

  protected override restoreState(state: OrderState): void {
    this.state = { ...state };
  }

  protected onOrderPlaced(event: OrderPlaced): void {
    this.state.customer = event.customer;
  }

  protected onItemAdded(event: ItemAdded): void {
    this.state.items += event.quantity;
    this.state.totalCents += event.quantity * event.unitPriceCents;
  }

  protected onOrderShipped(): void {
    this.state.shipped = true;
  }
}
