import type { DomainEvent } from 'event-sourced-bank/eventsourcing';

/** A customer placed an order. Stored as `OrderPlaced` `{customer}`. */
export class OrderPlaced implements DomainEvent {
  static readonly eventType = 'OrderPlaced';
  static readonly schemaVersion = 1;

  constructor(
    readonly orderId: string,
    readonly customer: string,
    readonly occurredAt: number,
  ) {}

  toData(): Record<string, unknown> {
    return { customer: this.customer };
  }

  static fromData(orderId: string, data: Record<string, unknown>, occurredAt: number): OrderPlaced {
    return new OrderPlaced(orderId, String(data.customer), occurredAt);
  }
}
