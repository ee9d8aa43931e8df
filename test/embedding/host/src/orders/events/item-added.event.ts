import type { DomainEvent } from 'event-sourced-bank/eventsourcing';

/**
 * An item was added to an order. Stored as `ItemAdded` schema 2 `{sku, quantity, unitPriceCents}`;
 * schema 1 (`{sku, qty, cents}`, cents for the whole line) is read through an upcaster.
 */
export class ItemAdded implements DomainEvent {
  static readonly eventType = 'ItemAdded';
  static readonly schemaVersion = 2;

  constructor(
    readonly orderId: string,
    readonly sku: string,
    readonly quantity: number,
    readonly unitPriceCents: number,
    readonly occurredAt: number,
  ) {}

  toData(): Record<string, unknown> {
    return { sku: this.sku, quantity: this.quantity, unitPriceCents: this.unitPriceCents };
  }

  static fromData(orderId: string, data: Record<string, unknown>, occurredAt: number): ItemAdded {
    return new ItemAdded(orderId, String(data.sku), Number(data.quantity), Number(data.unitPriceCents), occurredAt);
  }
}
