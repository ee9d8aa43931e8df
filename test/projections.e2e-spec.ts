import { STATUS_CODES } from 'node:http';
import request, { type Response } from 'supertest';
import { CLOCK, type Clock } from '../src/common/clock/clock.js';
import { PROJECTIONS_OPTIONS } from '../src/projections/projections.options.js';
import { createTestApp, type TestApp } from './support/create-test-app.js';

/**
 * Projections and stats through HTTP (SPEC 2.3, 2.5): the status list, each read model's exact shape and
 * paging, read-your-writes (a read right after a command's response reflects it, no sleeps), rebuilds,
 * `minPosition` and `/stats`. Time comes from a manual clock so that days and timestamps are exact.
 */

type Json = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROJECTIONS = ['AccountBalances', 'DailySummary', 'Stats', 'TransactionHistory', 'TransferProcess'];

/** 2026-01-31T23:59:59.999Z, the last millisecond of a UTC day, and the first of the next. */
const LAST_MS_OF_JAN_31 = Date.parse('2026-01-31T23:59:59.999Z');
const FIRST_MS_OF_FEB_1 = Date.parse('2026-02-01T00:00:00.000Z');

class ManualClock implements Clock {
  time = LAST_MS_OF_JAN_31 - 3000;
  now(): number {
    return this.time;
  }
}

function post(t: TestApp, path: string, body: unknown) {
  return request(t.server).post(path).set('Content-Type', 'application/json').send(JSON.stringify(body));
}

function get(t: TestApp, path: string) {
  return request(t.server).get(path);
}

/** A 200 JSON response; its body. */
function ok(response: Response): Json {
  expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: expect.anything() });
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.body as Json;
}

function expectError(response: Response, status: number, code: string, extra: Json = {}): void {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.body).toStrictEqual({ statusCode: status, code, message: expect.any(String), error: STATUS_CODES[status], ...extra });
}

/** GET /projections sorted by name. */
async function statuses(t: TestApp): Promise<Json[]> {
  const list = ok(await get(t, '/projections')) as unknown as Json[];
  return [...list].sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

/** Every projection running, caught up to `head` (last event `eventId`), having processed `processed` events. */
function caughtUp(head: number, eventId: string | null, processed = head): Json[] {
  return PROJECTIONS.map((name) => ({
    name,
    status: 'running',
    worker: 'active',
    lastProcessedEvent: eventId,
    lastProcessedVersion: head,
    lag: 0,
    eventsProcessed: processed,
  }));
}

interface CommandResult {
  accountId: string;
  version: number;
  position: number;
  eventId: string;
  balance: number;
}

/** Runs a command at `time`; expects success and returns its body. */
async function command(t: TestApp, clock: ManualClock, time: number, path: string, body: Json): Promise<CommandResult> {
  clock.time = time;
  const response = await post(t, path, body);
  expect({ status: response.status, body: response.body }).toEqual({
    status: path === '/commands/open-account' ? 201 : 200,
    body: {
      accountId: body.accountId,
      version: expect.any(Number),
      position: expect.any(Number),
      eventId: expect.stringMatching(UUID),
      balance: expect.any(Number),
    },
  });
  return response.body as CommandResult;
}

describe('projections over HTTP', () => {
  const clock = new ManualClock();
  let t: TestApp;
  /** Command results by position. */
  const at: Record<number, CommandResult> = {};
  const D1 = LAST_MS_OF_JAN_31;
  const D2 = FIRST_MS_OF_FEB_1;

  beforeAll(async () => {
    t = await createTestApp({}, (builder) => builder.overrideProvider(CLOCK).useValue(clock));
  });
  afterAll(() => t.close());

  it('given an empty store, GET /projections lists the four projections and the transfer process manager at position 0', async () => {
    expect(await statuses(t)).toStrictEqual(caughtUp(0, null));
  });

  it('after each command, GET /projections and the read models already reflect it (read-your-writes)', async () => {
    const steps: Array<[number, string, Json]> = [
      [D1 - 3000, '/commands/open-account', { accountId: 'acc-1', initialBalance: 1000 }],
      [D1 - 2000, '/commands/open-account', { accountId: 'acc-2', initialBalance: 0 }],
      [D1, '/commands/deposit', { accountId: 'acc-1', amount: 0.1 }],
      [D2, '/commands/deposit', { accountId: 'acc-1', amount: 0.2 }],
      [D2 + 1000, '/commands/deposit', { accountId: 'acc-2', amount: 50 }],
      [D2 + 2000, '/commands/withdraw', { accountId: 'acc-1', amount: 500.3 }],
      [D2 + 3000, '/commands/open-account', { accountId: 'acc-3', initialBalance: 20 }],
      [D2 + 4000, '/commands/withdraw', { accountId: 'acc-3', amount: 20 }],
      [D2 + 5000, '/commands/close-account', { accountId: 'acc-3' }],
    ];
    for (const [index, [time, path, body]] of steps.entries()) {
      const result = await command(t, clock, time, path, body);
      expect(result.position).toBe(index + 1);
      at[result.position] = result;

      expect(await statuses(t)).toStrictEqual(caughtUp(result.position, result.eventId));
      const balances = ok(await get(t, `/projections/AccountBalances?accountId=${result.accountId}`));
      expect(balances).toStrictEqual({
        name: 'AccountBalances',
        lastProcessedEvent: result.eventId,
        lastProcessedVersion: result.position,
        data: { balances: { [result.accountId]: { balance: result.balance, lastUpdated: time, isActive: path !== '/commands/close-account' } } },
      });
    }
    expect(at[4].balance).toBe(1000.3);
  });

  it('GET /projections/AccountBalances gives every account with exact balances, closed ones inactive', async () => {
    expect(ok(await get(t, '/projections/AccountBalances'))).toStrictEqual({
      name: 'AccountBalances',
      lastProcessedEvent: at[9].eventId,
      lastProcessedVersion: 9,
      data: {
        balances: {
          'acc-1': { balance: 500, lastUpdated: D2 + 2000, isActive: true },
          'acc-2': { balance: 50, lastUpdated: D2 + 1000, isActive: true },
          'acc-3': { balance: 0, lastUpdated: D2 + 5000, isActive: false },
        },
      },
    });
  });

  it('GET /projections/AccountBalances pages by ?after&limit in account id order and filters by ?accountId', async () => {
    const page = async (query: string) => (ok(await get(t, `/projections/AccountBalances?${query}`)).data as Json).balances as Json;
    expect(Object.keys(await page('limit=2'))).toEqual(['acc-1', 'acc-2']);
    expect(await page('after=acc-2&limit=2')).toStrictEqual({ 'acc-3': { balance: 0, lastUpdated: D2 + 5000, isActive: false } });
    expect(await page('after=acc-1')).toStrictEqual({
      'acc-2': { balance: 50, lastUpdated: D2 + 1000, isActive: true },
      'acc-3': { balance: 0, lastUpdated: D2 + 5000, isActive: false },
    });
    expect(await page('after=acc-3')).toStrictEqual({});
    expect(await page('accountId=acc-2')).toStrictEqual({ 'acc-2': { balance: 50, lastUpdated: D2 + 1000, isActive: true } });
    expect(await page('accountId=nobody')).toStrictEqual({});
    expectError(await get(t, '/projections/AccountBalances?limit=0'), 400, 'VALIDATION_FAILED', { details: expect.anything() });
    expectError(await get(t, '/projections/AccountBalances?limit=abc'), 400, 'VALIDATION_FAILED', { details: expect.anything() });
    expectError(await get(t, '/projections/AccountBalances?accountId=bad%20id'), 400, 'VALIDATION_FAILED', { details: expect.anything() });
  });

  it('GET /projections/TransactionHistory gives deposits and withdrawals in position order with balanceAfter; no openings or closings', async () => {
    const tx = (position: number, type: 'deposit' | 'withdrawal', amount: number, balanceAfter: number, timestamp: number) => ({
      eventId: at[position].eventId,
      position,
      accountId: at[position].accountId,
      type,
      amount,
      balanceAfter,
      timestamp,
    });
    const all = [
      tx(3, 'deposit', 0.1, 1000.1, D1),
      tx(4, 'deposit', 0.2, 1000.3, D2),
      tx(5, 'deposit', 50, 50, D2 + 1000),
      tx(6, 'withdrawal', 500.3, 500, D2 + 2000),
      tx(8, 'withdrawal', 20, 0, D2 + 4000),
    ];
    expect(ok(await get(t, '/projections/TransactionHistory'))).toStrictEqual({
      name: 'TransactionHistory',
      lastProcessedEvent: at[9].eventId,
      lastProcessedVersion: 9,
      data: { transactions: all },
    });
    const page = async (query: string) => (ok(await get(t, `/projections/TransactionHistory?${query}`)).data as Json).transactions;
    expect(await page('accountId=acc-1')).toStrictEqual([all[0], all[1], all[3]]);
    expect(await page('accountId=acc-1&after=3&limit=1')).toStrictEqual([all[1]]);
    expect(await page('accountId=acc-1&after=4')).toStrictEqual([all[3]]);
    expect(await page('after=4&limit=2')).toStrictEqual([all[2], all[3]]);
    expect(await page('after=8')).toStrictEqual([]);
    expect(await page('accountId=nobody')).toStrictEqual([]);
    expectError(await get(t, '/projections/TransactionHistory?limit=1001'), 400, 'VALIDATION_FAILED', { details: expect.anything() });
    expectError(await get(t, '/projections/TransactionHistory?after=-1'), 400, 'VALIDATION_FAILED', { details: expect.anything() });
  });

  it('GET /projections/DailySummary splits at UTC midnight, counts openings above 0 as deposits, and sums the days', async () => {
    expect(ok(await get(t, '/projections/DailySummary'))).toStrictEqual({
      name: 'DailySummary',
      lastProcessedEvent: at[9].eventId,
      lastProcessedVersion: 9,
      data: {
        summary: { deposits: 1070.3, withdrawals: 520.3, netChange: 550 },
        days: {
          '2026-01-31': { deposits: 1000.1, withdrawals: 0, netChange: 1000.1, transactionCount: 2 },
          '2026-02-01': { deposits: 70.2, withdrawals: 520.3, netChange: -450.1, transactionCount: 5 },
        },
      },
    });
  });

  it('GET /projections/Unknown is 404 PROJECTION_NOT_FOUND naming the known projections', async () => {
    const response = await get(t, '/projections/Unknown');
    expectError(response, 404, 'PROJECTION_NOT_FOUND');
    for (const name of PROJECTIONS) expect(response.body.message).toContain(name);
  });

  it('POST /projections/rebuild with an unknown name is 404 PROJECTION_NOT_FOUND; without a name 400', async () => {
    const response = await post(t, '/projections/rebuild', { name: 'Unknown' });
    expectError(response, 404, 'PROJECTION_NOT_FOUND');
    for (const name of PROJECTIONS) expect(response.body.message).toContain(name);
    expectError(await post(t, '/projections/rebuild', {}), 400, 'VALIDATION_FAILED', { details: expect.anything() });
    expect(await statuses(t)).toStrictEqual(caughtUp(9, at[9].eventId));
  });

  it.each([
    ['AccountBalances', '/projections/AccountBalances'],
    ['TransactionHistory', '/projections/TransactionHistory'],
    ['DailySummary', '/projections/DailySummary'],
    ['Stats', '/stats'],
  ])('POST /projections/rebuild {name: %s} replays every event and leaves the same data', async (name, route) => {
    const before = ok(await get(t, route));
    const response = await post(t, '/projections/rebuild', { name });
    expect(ok(response)).toStrictEqual({ name, status: 'running', lastProcessedVersion: 9, eventsReplayed: 9, durationMs: expect.any(Number) });
    expect(response.body.durationMs).toBeGreaterThanOrEqual(0);
    expect(ok(await get(t, route))).toStrictEqual(before);
    expect(await statuses(t)).toStrictEqual(caughtUp(9, at[9].eventId, 9));
  });

  it('GET /stats gives totals, events by type and the aggregates busiest first', async () => {
    expect(ok(await get(t, '/stats'))).toStrictEqual({
      totalEvents: 9,
      totalAggregates: 3,
      totalSnapshots: 0,
      headPosition: 9,
      eventsByType: { AccountClosed: 1, AccountOpened: 3, MoneyDeposited: 3, MoneyWithdrawn: 2 },
      aggregates: [
        { aggregate: 'BankAccount:acc-1', eventCount: 4, latestVersion: 4 },
        { aggregate: 'BankAccount:acc-3', eventCount: 3, latestVersion: 3 },
        { aggregate: 'BankAccount:acc-2', eventCount: 2, latestVersion: 2 },
      ],
    });
    expect(ok(await get(t, '/stats?limit=1')).aggregates).toStrictEqual([{ aggregate: 'BankAccount:acc-1', eventCount: 4, latestVersion: 4 }]);
    expect(ok(await get(t, '/stats?limit=0')).aggregates).toStrictEqual([]);
    expectError(await get(t, '/stats?limit=-1'), 400, 'VALIDATION_FAILED', { details: expect.anything() });
  });

  it('GET /stats counts the snapshot taken once an account passes 10 events, right after the command', async () => {
    let last: CommandResult | undefined;
    for (let i = 0; i < 9; i++) last = await command(t, clock, D2 + 10_000 + i, '/commands/deposit', { accountId: 'acc-2', amount: 1 });
    expect(last).toMatchObject({ version: 11, position: 18, balance: 59 });
    expect(ok(await get(t, '/snapshots/account/acc-2'))).toMatchObject({ aggregateId: 'acc-2', version: 10 });

    expect(ok(await get(t, '/stats?limit=2'))).toStrictEqual({
      totalEvents: 18,
      totalAggregates: 3,
      totalSnapshots: 1,
      headPosition: 18,
      eventsByType: { AccountClosed: 1, AccountOpened: 3, MoneyDeposited: 12, MoneyWithdrawn: 2 },
      aggregates: [
        { aggregate: 'BankAccount:acc-2', eventCount: 11, latestVersion: 11 },
        { aggregate: 'BankAccount:acc-1', eventCount: 4, latestVersion: 4 },
      ],
    });
    expect(await statuses(t)).toStrictEqual(caughtUp(18, last!.eventId, 18));
  });
});

describe('a rebuild while writes go on', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('misses no event and counts none twice', async () => {
    for (const accountId of ['rb-1', 'rb-2']) expect((await post(t, '/commands/open-account', { accountId, initialBalance: 100 })).status).toBe(201);
    for (let i = 0; i < 20; i++) expect((await post(t, '/commands/deposit', { accountId: 'rb-1', amount: 1 })).status).toBe(200);

    const writes = Array.from({ length: 30 }, (_, i) => post(t, '/commands/deposit', { accountId: i % 2 ? 'rb-1' : 'rb-2', amount: 0.01 }));
    const rebuilds = ['TransactionHistory', 'AccountBalances', 'DailySummary', 'Stats'].map((name) => post(t, '/projections/rebuild', { name }));
    const responses = await Promise.all([...writes, ...rebuilds]);
    for (const response of responses) expect(response.status).toBe(200);
    for (const response of responses.slice(writes.length)) expect(response.body.eventsReplayed).toBe(response.body.lastProcessedVersion);

    const head = await t.store.headPosition();
    expect(head).toBe(52);
    const balances = ok(await get(t, '/projections/AccountBalances')).data as Json;
    expect(balances.balances).toStrictEqual({
      'rb-1': { balance: 120.15, lastUpdated: expect.any(Number), isActive: true },
      'rb-2': { balance: 100.15, lastUpdated: expect.any(Number), isActive: true },
    });
    const history = (ok(await get(t, '/projections/TransactionHistory?limit=1000')).data as Json).transactions as Json[];
    expect(history.map((tx) => tx.position)).toEqual(Array.from({ length: 50 }, (_, i) => i + 3));
    expect(ok(await get(t, '/projections/DailySummary')).data).toMatchObject({ summary: { deposits: 220.3, withdrawals: 0, netChange: 220.3 } });
    expect(ok(await get(t, '/stats'))).toMatchObject({ totalEvents: 52, totalAggregates: 2, eventsByType: { AccountOpened: 2, MoneyDeposited: 50 } });
    const last = ok(await get(t, `/events/stream?after=${head - 1}`)) as unknown as Json[];
    expect(await statuses(t)).toStrictEqual(caughtUp(head, last[0].id as string));
  });
});

describe('paging defaults', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('AccountBalances lists at most 1000 accounts and TransactionHistory at most 100 transactions by default', async () => {
    // 1001 accounts, appended to the store directly to keep the test fast; the runner reads them from the log.
    for (let i = 0; i < 1001; i++) {
      const accountId = `acc-${String(i).padStart(4, '0')}`;
      await t.store.append({
        streamId: accountId,
        streamType: 'BankAccount',
        expectedVersion: 0,
        events: [{ id: crypto.randomUUID(), eventType: 'AccountOpened', data: { initialBalance: 0 }, schemaVersion: 1, timestamp: 1 }],
      });
    }
    for (let i = 0; i < 101; i++) expect((await post(t, '/commands/deposit', { accountId: 'acc-0000', amount: 1 })).status).toBe(200);

    const balances = (ok(await get(t, '/projections/AccountBalances')).data as Json).balances as Json;
    expect(Object.keys(balances)).toHaveLength(1000);
    expect(Object.keys(balances).at(-1)).toBe('acc-0999');
    expect(Object.keys((ok(await get(t, '/projections/AccountBalances?after=acc-0999')).data as Json).balances as Json)).toEqual(['acc-1000']);

    const history = (ok(await get(t, '/projections/TransactionHistory')).data as Json).transactions as Json[];
    expect(history.map((tx) => tx.position)).toEqual(Array.from({ length: 100 }, (_, i) => 1002 + i));
    expect(history.at(-1)).toMatchObject({ accountId: 'acc-0000', balanceAfter: 100 });
    const rest = (ok(await get(t, '/projections/TransactionHistory?after=1101')).data as Json).transactions as Json[];
    expect(rest).toStrictEqual([expect.objectContaining({ position: 1102, balanceAfter: 101 })]);
  });
});

describe('?minPosition', () => {
  const READ_WAIT_MS = 300;
  let t: TestApp;
  let head: number;

  beforeAll(async () => {
    t = await createTestApp({}, (builder) => builder.overrideProvider(PROJECTIONS_OPTIONS).useValue({ readWaitMs: READ_WAIT_MS }));
    await post(t, '/commands/open-account', { accountId: 'mp-1', initialBalance: 5 });
    head = (await post(t, '/commands/deposit', { accountId: 'mp-1', amount: 1 })).body.position as number;
  });
  afterAll(() => t.close());

  const routes = ['/projections/AccountBalances', '/projections/TransactionHistory', '/projections/DailySummary', '/stats'];

  it.each(routes)('%s?minPosition=<head> answers at once', async (route) => {
    expect(head).toBe(2);
    const started = Date.now();
    const body = ok(await get(t, `${route}?minPosition=${head}`));
    expect(Date.now() - started).toBeLessThan(READ_WAIT_MS);
    if (route === '/stats') expect(body).toMatchObject({ totalEvents: 2, headPosition: 2 });
    else expect(body).toMatchObject({ lastProcessedVersion: head });
  });

  it.each(routes)('%s?minPosition=<head + 1000> is 504 TIMEOUT after the read wait', async (route) => {
    const started = Date.now();
    const response = await get(t, `${route}?minPosition=${head + 1000}`);
    const waited = Date.now() - started;
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 504, code: 'TIMEOUT' });
    expect(response.body).toMatchObject({ statusCode: 504, code: 'TIMEOUT', error: STATUS_CODES[504], message: expect.any(String) });
    expect(waited).toBeGreaterThanOrEqual(READ_WAIT_MS - 10);
    expect(waited).toBeLessThan(5000);
  });

  it('rejects a minPosition that is not a non-negative integer', async () => {
    expectError(await get(t, '/projections/AccountBalances?minPosition=-1'), 400, 'VALIDATION_FAILED', { details: expect.anything() });
    expectError(await get(t, '/stats?minPosition=x'), 400, 'VALIDATION_FAILED', { details: expect.anything() });
  });
});
