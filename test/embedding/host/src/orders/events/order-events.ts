import { EventRegistry } from 'event-sourced-bank/eventsourcing';
import type { EventUpcaster } from 'event-sourced-bank/eventstore';
import { ItemAdded } from './item-added.event.js';
import { OrderPlaced } from './order-placed.event.js';
import { OrderShipped } from './order-shipped.event.js';

/** Every event of an Order. */
export type OrderEvent = OrderPlaced | ItemAdded | OrderShipped;

/** Stored type name → Order event class. */
export const ORDER_EVENTS = new EventRegistry<OrderEvent>([OrderPlaced, ItemAdded, OrderShipped]);

/** `ItemAdded` schema 1 `{sku, qty, cents}` (cents of the whole line) → schema 2 `{sku, quantity, unitPriceCents}`. */
export const ITEM_ADDED_V1: EventUpcaster = {
  from: { eventType: 'ItemAdded', schemaVersion: 1 },
  to: { eventType: 'ItemAdded', schemaVersion: 2 },
  upcast: ({ sku, qty, cents }) => ({ sku, quantity: Number(qty), unitPriceCents: Number(cents) / Number(qty) }),
};
