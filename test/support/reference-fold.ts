import type { EventRowColumns } from '../../src/eventstore/stored-event.js';

/**
 * The read models as a plain fold of the event log: the oracle projections are compared with. Works on
 * raw `events` rows (stored data in major units); returns money in minor units like the read models.
 */
export type EventRowLike = Pick<EventRowColumns, 'position' | 'id' | 'stream_id' | 'stream_type' | 'version' | 'event_type' | 'timestamp'> & {
  data: string;
};

const cents = (value: unknown) => Math.round(Number(value) * 100);

export function foldBalances(events: EventRowLike[]): Map<string, { balance: number; isActive: boolean }> {
  const balances = new Map<string, { balance: number; isActive: boolean }>();
  for (const event of events) {
    const data = JSON.parse(event.data) as Record<string, unknown>;
    const current = balances.get(event.stream_id) ?? { balance: 0, isActive: true };
    if (event.event_type === 'AccountOpened') balances.set(event.stream_id, { balance: cents(data.initialBalance ?? 0), isActive: true });
    if (event.event_type === 'MoneyDeposited') balances.set(event.stream_id, { ...current, balance: current.balance + cents(data.amount) });
    if (event.event_type === 'MoneyWithdrawn') balances.set(event.stream_id, { ...current, balance: current.balance - cents(data.amount) });
    if (event.event_type === 'AccountClosed') balances.set(event.stream_id, { ...current, isActive: false });
  }
  return balances;
}

export function foldTransactions(events: EventRowLike[]): Array<{ position: number; accountId: string; amount: number; balanceAfter: number }> {
  const running = new Map<string, number>();
  const rows: Array<{ position: number; accountId: string; amount: number; balanceAfter: number }> = [];
  for (const event of events) {
    const data = JSON.parse(event.data) as Record<string, unknown>;
    if (event.event_type === 'AccountOpened') running.set(event.stream_id, cents(data.initialBalance ?? 0));
    const sign = event.event_type === 'MoneyDeposited' ? 1 : event.event_type === 'MoneyWithdrawn' ? -1 : 0;
    if (sign === 0) continue;
    const balanceAfter = (running.get(event.stream_id) ?? 0) + sign * cents(data.amount);
    running.set(event.stream_id, balanceAfter);
    rows.push({ position: event.position, accountId: event.stream_id, amount: cents(data.amount), balanceAfter });
  }
  return rows;
}

export function foldDailyTotals(events: EventRowLike[]): { deposits: number; withdrawals: number; count: number } {
  let deposits = 0;
  let withdrawals = 0;
  let count = 0;
  for (const event of events) {
    const data = JSON.parse(event.data) as Record<string, unknown>;
    if (event.event_type === 'AccountOpened' && cents(data.initialBalance ?? 0) > 0) {
      deposits += cents(data.initialBalance);
      count++;
    }
    if (event.event_type === 'MoneyDeposited') {
      deposits += cents(data.amount);
      count++;
    }
    if (event.event_type === 'MoneyWithdrawn') {
      withdrawals += cents(data.amount);
      count++;
    }
  }
  return { deposits, withdrawals, count };
}
