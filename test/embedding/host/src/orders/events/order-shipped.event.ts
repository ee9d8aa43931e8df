import type { DomainEvent } from 'event-sourced-bank/eventsourcing';

/** The order left the warehouse; it takes no more items. Stored as `OrderShipped` `{}`. */
export class OrderShipped implements DomainEvent {
  static readonly eventType = 'OrderShipped';
  static readonly schemaVersion = 1;

  constructor(
    readonly orderId: string,
    readonly occurredAt: number,
  ) {}

  toData(): Record<string, unknown> {
    return {};
  }

  static fromData(orderId: string, _data: Record<string, unknown>, occurredAt: number): OrderShipped {
    return new OrderShipped(orderId, occurredAt);
  }
}
