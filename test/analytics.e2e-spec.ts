import request, { type Response } from 'supertest';
import { CLOCK, type Clock } from '../src/common/clock/clock.js';
import { createTestApp, type TestApp } from './support/create-test-app.js';

/**
 * The seed's "Analytics" and "Event Replay" workflows end to end (SPEC 2.2, 2.3, 2.5): after a day and a
 * half of commands on three accounts, `/stats`, DailySummary and TransactionHistory are checked in full,
 * against each other and against the fold of `GET /events/stream`; then TransactionHistory is rebuilt from
 * the log and must come back identical. Reads follow commands directly: read-your-writes, no sleeps.
 */

type Json = Record<string, unknown>;

interface StreamEvent {
  id: string;
  position: number;
  aggregateId: string;
  aggregateType: string;
  eventType: string;
  data: { initialBalance?: number; amount?: number; transferId?: string };
  metadata: { timestamp: number; version: number; schemaVersion: number };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 2026-03-09T22:00:00.000Z, the evening before a UTC midnight. */
const EVENING = Date.parse('2026-03-09T22:00:00.000Z');
const LAST_MS_OF_MAR_9 = Date.parse('2026-03-09T23:59:59.999Z');
const MIDNIGHT = Date.parse('2026-03-10T00:00:00.000Z');

class ManualClock implements Clock {
  time = EVENING;
  now(): number {
    return this.time;
  }
}

/** The commands of the scenario: when, route, body. */
const COMMANDS: Array<[number, string, Json]> = [
  [EVENING, '/commands/open-account', { accountId: 'alice', initialBalance: 1000 }],
  [EVENING + 60_000, '/commands/open-account', { accountId: 'bob', initialBalance: 250.5 }],
  [EVENING + 120_000, '/commands/deposit', { accountId: 'alice', amount: 500 }],
  [LAST_MS_OF_MAR_9, '/commands/withdraw', { accountId: 'bob', amount: 0.5 }],
  [MIDNIGHT, '/commands/open-account', { accountId: 'carol', initialBalance: 0 }],
  [MIDNIGHT + 1000, '/commands/deposit', { accountId: 'carol', amount: 0.1 }],
  [MIDNIGHT + 2000, '/commands/deposit', { accountId: 'carol', amount: 0.2 }],
  [MIDNIGHT + 3000, '/commands/withdraw', { accountId: 'alice', amount: 200 }],
  [MIDNIGHT + 4000, '/commands/withdraw', { accountId: 'carol', amount: 0.3 }],
  [MIDNIGHT + 5000, '/commands/close-account', { accountId: 'carol' }],
  [MIDNIGHT + 6000, '/commands/deposit', { accountId: 'bob', amount: 49.99 }],
  [MIDNIGHT + 7000, '/commands/deposit', { accountId: 'bob', amount: 0.01 }],
];

function get(t: TestApp, path: string) {
  return request(t.server).get(path);
}

function post(t: TestApp, path: string, body: Json) {
  return request(t.server).post(path).set('Content-Type', 'application/json').send(JSON.stringify(body));
}

function ok(response: Response): Json {
  expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: expect.anything() });
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.body as Json;
}

const cents = (amount: number) => Math.round(amount * 100);

/** What `/stats` must say about these events (SPEC 2.5), computed from the log itself. */
function statsOf(events: StreamEvent[], snapshots: number): Json {
  const byType: Record<string, number> = {};
  const byAggregate = new Map<string, { aggregate: string; eventCount: number; latestVersion: number }>();
  for (const event of events) {
    byType[event.eventType] = (byType[event.eventType] ?? 0) + 1;
    const aggregate = `${event.aggregateType}:${event.aggregateId}`;
    const entry = byAggregate.get(aggregate) ?? { aggregate, eventCount: 0, latestVersion: 0 };
    entry.eventCount += 1;
    entry.latestVersion = Math.max(entry.latestVersion, event.metadata.version);
    byAggregate.set(aggregate, entry);
  }
  return {
    totalEvents: events.length,
    totalAggregates: byAggregate.size,
    totalSnapshots: snapshots,
    headPosition: events.at(-1)?.position ?? 0,
    eventsByType: byType,
    aggregates: [...byAggregate.values()].sort((a, b) => b.eventCount - a.eventCount),
  };
}

/** The TransactionHistory of these events (SPEC 2.3): deposits and withdrawals with the balance after each. */
function transactionsOf(events: StreamEvent[]): Json[] {
  const balances = new Map<string, number>();
  const transactions: Json[] = [];
  for (const event of events) {
    if (event.eventType === 'AccountOpened') balances.set(event.aggregateId, cents(event.data.initialBalance ?? 0));
    if (event.eventType !== 'MoneyDeposited' && event.eventType !== 'MoneyWithdrawn') continue;
    const sign = event.eventType === 'MoneyDeposited' ? 1 : -1;
    const balance = (balances.get(event.aggregateId) ?? 0) + sign * cents(event.data.amount!);
    balances.set(event.aggregateId, balance);
    transactions.push({
      eventId: event.id,
      position: event.position,
      accountId: event.aggregateId,
      type: sign > 0 ? 'deposit' : 'withdrawal',
      amount: event.data.amount,
      balanceAfter: balance / 100,
      timestamp: event.metadata.timestamp,
      ...(event.data.transferId === undefined ? {} : { transferId: event.data.transferId }),
    });
  }
  return transactions;
}

/** The DailySummary data of these events (SPEC 2.3): UTC days, openings above 0 count as deposits. */
function dailySummaryOf(events: StreamEvent[]): Json {
  const days = new Map<string, { deposits: number; withdrawals: number; transactionCount: number }>();
  for (const event of events) {
    if (!['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn'].includes(event.eventType)) continue;
    const amount = cents(event.eventType === 'AccountOpened' ? (event.data.initialBalance ?? 0) : event.data.amount!);
    if (amount === 0) continue;
    const day = new Date(event.metadata.timestamp).toISOString().slice(0, 10);
    const entry = days.get(day) ?? { deposits: 0, withdrawals: 0, transactionCount: 0 };
    if (event.eventType === 'MoneyWithdrawn') entry.withdrawals += amount;
    else entry.deposits += amount;
    entry.transactionCount += 1;
    days.set(day, entry);
  }
  const totals = (deposits: number, withdrawals: number) => ({
    deposits: deposits / 100,
    withdrawals: withdrawals / 100,
    netChange: (deposits - withdrawals) / 100,
  });
  const all = [...days.values()];
  return {
    summary: totals(
      all.reduce((sum, day) => sum + day.deposits, 0),
      all.reduce((sum, day) => sum + day.withdrawals, 0),
    ),
    days: Object.fromEntries(
      [...days].sort().map(([day, entry]) => [day, { ...totals(entry.deposits, entry.withdrawals), transactionCount: entry.transactionCount }]),
    ),
  };
}

describe('seed workflows 2 and 3: Event Replay and Analytics', () => {
  const clock = new ManualClock();
  let t: TestApp;
  let stream: StreamEvent[];
  /** Event ids by position, from the command responses. */
  const ids: Record<number, string> = {};

  beforeAll(async () => {
    t = await createTestApp({}, (builder) => builder.overrideProvider(CLOCK).useValue(clock));
    for (const [index, [time, path, body]] of COMMANDS.entries()) {
      clock.time = time;
      const response = await post(t, path, body);
      const status = path.endsWith('open-account') ? 201 : 200;
      expect({ status: response.status, position: response.body.position }).toEqual({ status, position: index + 1 });
      expect(response.body.eventId).toMatch(UUID);
      ids[index + 1] = response.body.eventId as string;
    }
    stream = ok(await get(t, '/events/stream')) as unknown as StreamEvent[];
  });
  afterAll(() => t.close());

  it('GET /events/stream holds the twelve events in position order, as the commands answered', () => {
    expect(stream.map((event) => [event.position, event.id])).toEqual(COMMANDS.map((_, index) => [index + 1, ids[index + 1]]));
    expect(stream.map((event) => event.metadata.timestamp)).toEqual(COMMANDS.map(([time]) => time));
  });

  describe('Analytics', () => {
    it('GET /stats: totals, events by type and the aggregates busiest first, as the event stream says', async () => {
      const stats = ok(await get(t, '/stats'));
      expect(stats).toStrictEqual({
        totalEvents: 12,
        totalAggregates: 3,
        totalSnapshots: 0,
        headPosition: 12,
        eventsByType: { AccountOpened: 3, MoneyDeposited: 5, MoneyWithdrawn: 3, AccountClosed: 1 },
        aggregates: [
          { aggregate: 'BankAccount:carol', eventCount: 5, latestVersion: 5 },
          { aggregate: 'BankAccount:bob', eventCount: 4, latestVersion: 4 },
          { aggregate: 'BankAccount:alice', eventCount: 3, latestVersion: 3 },
        ],
      });
      expect(stats).toStrictEqual(statsOf(stream, 0));
    });

    it('GET /projections/DailySummary: two UTC days, openings above 0 as deposits, summary = sum of days, as the event stream says', async () => {
      const summary = ok(await get(t, '/projections/DailySummary'));
      expect(summary).toStrictEqual({
        name: 'DailySummary',
        lastProcessedEvent: ids[12],
        lastProcessedVersion: 12,
        data: {
          summary: { deposits: 1800.8, withdrawals: 200.8, netChange: 1600 },
          days: {
            '2026-03-09': { deposits: 1750.5, withdrawals: 0.5, netChange: 1750, transactionCount: 4 },
            '2026-03-10': { deposits: 50.3, withdrawals: 200.3, netChange: -150, transactionCount: 6 },
          },
        },
      });
      expect(summary.data).toStrictEqual(dailySummaryOf(stream));
    });

    it('GET /projections/TransactionHistory: deposits and withdrawals in position order with balanceAfter, as the event stream says', async () => {
      const history = ok(await get(t, '/projections/TransactionHistory'));
      const tx = (position: number, type: string, amount: number, balanceAfter: number) => ({
        eventId: ids[position],
        position,
        accountId: COMMANDS[position - 1][2].accountId,
        type,
        amount,
        balanceAfter,
        timestamp: COMMANDS[position - 1][0],
      });
      expect(history).toStrictEqual({
        name: 'TransactionHistory',
        lastProcessedEvent: ids[12],
        lastProcessedVersion: 12,
        data: {
          transactions: [
            tx(3, 'deposit', 500, 1500),
            tx(4, 'withdrawal', 0.5, 250),
            tx(6, 'deposit', 0.1, 0.1),
            tx(7, 'deposit', 0.2, 0.3),
            tx(8, 'withdrawal', 200, 1300),
            tx(9, 'withdrawal', 0.3, 0),
            tx(11, 'deposit', 49.99, 299.99),
            tx(12, 'deposit', 0.01, 300),
          ],
        },
      });
      expect((history.data as Json).transactions).toStrictEqual(transactionsOf(stream));
    });

    it('the three agree with each other and with the balances', async () => {
      const routes = ['/stats', '/projections/DailySummary', '/projections/TransactionHistory', '/projections/AccountBalances'];
      const [stats, summary, history, balances] = await Promise.all(routes.map(async (path) => ok(await get(t, path))));
      const transactions = (history.data as Json).transactions as Json[];
      const byType = stats.eventsByType as Record<string, number>;
      type Day = { deposits: number; withdrawals: number; netChange: number; transactionCount: number };
      const days = (summary.data as Json).days as Record<string, Day>;
      const totals = (summary.data as Json).summary as { deposits: number; withdrawals: number; netChange: number };

      // Every deposit and withdrawal event is one transaction; the openings above 0 are the other daily transactions.
      expect(transactions).toHaveLength(byType.MoneyDeposited + byType.MoneyWithdrawn);
      const openingsAboveZero = stream.filter((event) => event.eventType === 'AccountOpened' && (event.data.initialBalance ?? 0) > 0);
      expect(Object.values(days).reduce((sum, day) => sum + day.transactionCount, 0)).toBe(transactions.length + openingsAboveZero.length);

      // Withdrawals per day in the summary are those of the history on that UTC day.
      const withdrawnOn = (day: string) =>
        transactions
          .filter((tx) => tx.type === 'withdrawal' && new Date(tx.timestamp as number).toISOString().startsWith(day))
          .reduce((sum, tx) => sum + cents(tx.amount as number), 0);
      for (const [day, figures] of Object.entries(days)) expect(cents(figures.withdrawals)).toBe(withdrawnOn(day));

      // The summary is the sum of its days, and its net change is the money now held by all accounts.
      expect(cents(totals.deposits)).toBe(Object.values(days).reduce((sum, day) => sum + cents(day.deposits), 0));
      expect(cents(totals.withdrawals)).toBe(Object.values(days).reduce((sum, day) => sum + cents(day.withdrawals), 0));
      const accounts = (balances.data as Json).balances as Record<string, { balance: number }>;
      expect(cents(totals.netChange)).toBe(Object.values(accounts).reduce((sum, account) => sum + cents(account.balance), 0));

      // Each account's last balanceAfter is its balance.
      for (const [accountId, account] of Object.entries(accounts)) {
        expect(transactions.filter((tx) => tx.accountId === accountId).at(-1)?.balanceAfter).toBe(account.balance);
      }

      // All read at the head of the log.
      expect(stats.headPosition).toBe(stream.length);
      const head = { lastProcessedVersion: stream.length, lastProcessedEvent: stream.at(-1)!.id };
      for (const read of [summary, history, balances]) expect(read).toMatchObject(head);
    });
  });

  describe('Event Replay', () => {
    it('POST /projections/rebuild {name: TransactionHistory} replays the stream and gives back the same history', async () => {
      const before = ok(await get(t, '/projections/TransactionHistory'));
      expect(ok(await get(t, '/events/stream'))).toStrictEqual(stream);

      const rebuilt = ok(await post(t, '/projections/rebuild', { name: 'TransactionHistory' }));
      expect(rebuilt).toStrictEqual({
        name: 'TransactionHistory',
        status: 'running',
        lastProcessedVersion: 12,
        eventsReplayed: 12,
        durationMs: expect.any(Number),
      });
      expect(rebuilt.durationMs).toBeGreaterThanOrEqual(0);

      const after = ok(await get(t, '/projections/TransactionHistory'));
      expect(after).toStrictEqual(before);
      expect((after.data as Json).transactions).toStrictEqual(transactionsOf(stream));
      const status = (ok(await get(t, '/projections')) as unknown as Json[]).find((projection) => projection.name === 'TransactionHistory');
      expect(status).toStrictEqual({
        name: 'TransactionHistory',
        status: 'running',
        worker: 'active',
        lastProcessedEvent: ids[12],
        lastProcessedVersion: 12,
        lag: 0,
        eventsProcessed: 12,
      });
    });

    it('after the rebuild, a new command shows in the rebuilt history at once', async () => {
      clock.time = MIDNIGHT + 60_000;
      const response = await post(t, '/commands/withdraw', { accountId: 'alice', amount: 0.01 });
      expect(response.body).toMatchObject({ position: 13, balance: 1299.99 });
      const history = ok(await get(t, '/projections/TransactionHistory?accountId=alice&after=12'));
      expect(history).toStrictEqual({
        name: 'TransactionHistory',
        lastProcessedEvent: response.body.eventId,
        lastProcessedVersion: 13,
        data: {
          transactions: [
            {
              eventId: response.body.eventId,
              position: 13,
              accountId: 'alice',
              type: 'withdrawal',
              amount: 0.01,
              balanceAfter: 1299.99,
              timestamp: MIDNIGHT + 60_000,
            },
          ],
        },
      });
    });
  });
});
