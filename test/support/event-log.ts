import type { StoredEvent } from '../../src/eventstore/event-envelope.js';

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
  const cents = (value: unknown) => Math.round(Number(value) * 100);
  const balances: Record<string, { balance: number; isActive: boolean }> = {};
  for (const event of events) {
    if (event.position > position || event.aggregateType !== 'BankAccount') continue;
    const current = balances[event.aggregateId] ?? { balance: 0, isActive: true };
    if (event.eventType === 'AccountOpened') balances[event.aggregateId] = { balance: cents(event.data.initialBalance ?? 0), isActive: true };
    if (event.eventType === 'MoneyDeposited') balances[event.aggregateId] = { ...current, balance: current.balance + cents(event.data.amount) };
    if (event.eventType === 'MoneyWithdrawn') balances[event.aggregateId] = { ...current, balance: current.balance - cents(event.data.amount) };
    if (event.eventType === 'AccountClosed') balances[event.aggregateId] = { ...current, isActive: false };
  }
  return balances;
}
