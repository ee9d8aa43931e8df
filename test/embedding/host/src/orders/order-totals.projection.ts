import { Injectable } from '@nestjs/common';
import type { SqlStatement, StoredEvent } from 'event-sourced-bank/eventstore';
import { AsyncProjection, type Projection, type TableNamer } from 'event-sourced-bank/projections';

/** Name of the projection (its checkpoint and its `/admin/projections` entry). */
export const ORDER_TOTALS = 'OrderTotals';

/**
 * One row per order: customer, item count, total, shipped. Items are added by increments, so an event
 * applied twice would show: the runner's checkpoint, committed with these rows, applies each once.
 */
@Injectable()
@AsyncProjection()
export class OrderTotalsProjection implements Projection {
  readonly name = ORDER_TOTALS;
  readonly tables = ['order_totals'];

  schema(table: TableNamer): SqlStatement[] {
    return [
      {
        sql: `CREATE TABLE IF NOT EXISTS ${table('order_totals')} (
          order_id TEXT PRIMARY KEY, customer TEXT NOT NULL, items INTEGER NOT NULL, total_cents BIGINT NOT NULL, shipped INTEGER NOT NULL)`,
      },
    ];
  }

  async project(events: readonly StoredEvent[], table: TableNamer): Promise<SqlStatement[]> {
    const totals = table('order_totals');
    const statements: SqlStatement[] = [];
    for (const event of events) {
      if (event.aggregateType !== 'Order') continue;
      const orderId = event.aggregateId;
      if (event.eventType === 'OrderPlaced') {
        statements.push({ sql: `INSERT INTO ${totals} (order_id, customer, items, total_cents, shipped) VALUES (?, ?, 0, 0, 0)`, params: [orderId, event.data.customer] });
      } else if (event.eventType === 'ItemAdded') {
        const quantity = Number(event.data.quantity);
        statements.push({
          sql: `UPDATE ${totals} SET items = items + ?, total_cents = total_cents + ? WHERE order_id = ?`,
          params: [quantity, quantity * Number(event.data.unitPriceCents), orderId],
        });
      } else if (event.eventType === 'OrderShipped') {
        statements.push({ sql: `UPDATE ${totals} SET shipped = 1 WHERE order_id = ?`, params: [orderId] });
      }
    }
    return statements;
  }
}
