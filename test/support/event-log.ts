import type { StoredEvent } from '../../src/eventstore/event-envelope.js';
import { foldBalances } from './reference-fold.js';

/** The whole global log of a running service, read page by page through `GET /events/stream`. */
export async function readLog(url: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (;;) {
    const after = events.at(-1)?.position ?? 0;
    const response = await fetch(`${url}/events/stream?after=${after}&limit=10000`);
    if (!response.ok) throw new Error(`GET /events/stream: ${response.status}`);
    const page = (await response.json()) as StoredEvent[];
    events.push(...page);
    if (page.length < 10000) return events;
  }
}

/** Each account's balance (minor units) and whether it is open, folded from API events up to `position`. */
export function foldAccountBalances(events: readonly StoredEvent[], position = Number.POSITIVE_INFINITY): Record<string, { balance: number; isActive: boolean }> {
  const rows = events
    .filter((event) => event.position <= position && event.aggregateType === 'BankAccount')
    .map((event) => ({
      position: event.position,
      id: event.id,
      stream_id: event.aggregateId,
      stream_type: event.aggregateType,
      version: event.metadata.version,
      event_type: event.eventType,
      timestamp: event.metadata.timestamp,
      data: JSON.stringify(event.data),
    }));
  return Object.fromEntries(foldBalances(rows));
}
