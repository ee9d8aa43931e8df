import { STATUS_CODES } from 'node:http';
import request, { type Response } from 'supertest';
import { CLOCK, type Clock } from '../src/common/clock/clock.js';
import { createTestApp, type TestApp } from './support/create-test-app.js';

/**
 * The seed's "Complete Account Lifecycle" workflow and the account rules around it (SPEC 2, 2.1, 2.2,
 * 2.4), every response checked in full. Time comes from a manual clock so that timestamps, `openedAt`,
 * `closedAt` and time travel by `asOf` are exact.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 2026-01-15T09:00:00.000Z */
const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

class ManualClock implements Clock {
  time = T0;
  now(): number {
    return this.time;
  }
}

async function startApp(clock: ManualClock): Promise<TestApp> {
  return createTestApp({}, (builder) => builder.overrideProvider(CLOCK).useValue(clock));
}

type Json = Record<string, unknown>;

function post(t: TestApp, path: string, body: unknown, headers: Record<string, string> = {}) {
  const req = request(t.server).post(path).set('Content-Type', 'application/json');
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  return req.send(JSON.stringify(body));
}

function get(t: TestApp, path: string) {
  return request(t.server).get(path);
}

function expectJson(response: Response): void {
  expect(response.headers['content-type']).toMatch(/^application\/json/);
}

/** A successful account command: exact status and body `{accountId, version, position, eventId, balance}`. */
function expectCommandResult(
  response: Response,
  status: number,
  expected: { accountId: string; version: number; position?: number; balance: number },
): string {
  expect({ status: response.status, body: response.body }).toEqual({ status, body: expect.anything() });
  expectJson(response);
  expect(response.body).toStrictEqual({
    accountId: expected.accountId,
    version: expected.version,
    position: expected.position ?? expect.any(Number),
    eventId: expect.stringMatching(UUID),
    balance: expected.balance,
  });
  return response.body.eventId as string;
}

/** An error response: exact status, `{statusCode, code, message, error}` and nothing unexpected. */
function expectError(response: Response, status: number, code: string, extra: Json = {}): void {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  expectJson(response);
  expect(response.body).toStrictEqual({
    statusCode: status,
    code,
    message: expect.any(String),
    error: STATUS_CODES[status],
    ...extra,
  });
  expect((response.body.message as string).length).toBeGreaterThan(0);
}

interface ExpectedEvent {
  id?: string;
  position?: number;
  aggregateId: string;
  eventType: string;
  data: Json;
  timestamp?: number;
  version: number;
}

/** An event per SPEC 2.2: `{id, position, aggregateId, aggregateType, eventType, data, metadata}`. */
function expectEvent(event: Json, expected: ExpectedEvent): void {
  expect(Object.keys(event).sort()).toEqual(['aggregateId', 'aggregateType', 'data', 'eventType', 'id', 'metadata', 'position']);
  expect(event).toMatchObject({
    id: expected.id ?? expect.stringMatching(UUID),
    position: expected.position ?? expect.any(Number),
    aggregateId: expected.aggregateId,
    aggregateType: 'BankAccount',
    eventType: expected.eventType,
  });
  expect(event.data).toStrictEqual(expected.data);
  const metadata = event.metadata as Json;
  const allowed = ['causationId', 'correlationId', 'schemaVersion', 'timestamp', 'version'];
  expect(Object.keys(metadata).filter((key) => !allowed.includes(key))).toEqual([]);
  expect(metadata).toMatchObject({
    timestamp: expected.timestamp ?? expect.any(Number),
    version: expected.version,
    schemaVersion: 1,
  });
  for (const key of ['correlationId', 'causationId']) {
    if (key in metadata) expect(typeof metadata[key]).toBe('string');
  }
}

describe('Complete Account Lifecycle (seed workflow 1)', () => {
  const clock = new ManualClock();
  let t: TestApp;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startApp(clock);
  });
  afterAll(() => t.close());

  it('opens acc-999 with 1000: 201, version 1, position 1, balance 1000', async () => {
    clock.time = T0;
    const response = await post(t, '/commands/open-account', { accountId: 'acc-999', initialBalance: 1000 });
    ids.push(expectCommandResult(response, 201, { accountId: 'acc-999', version: 1, position: 1, balance: 1000 }));
  });

  it('deposits 500: 200, version 2, balance 1500', async () => {
    clock.time = T0 + 1000;
    const response = await post(t, '/commands/deposit', { accountId: 'acc-999', amount: 500 });
    ids.push(expectCommandResult(response, 200, { accountId: 'acc-999', version: 2, position: 2, balance: 1500 }));
  });

  it('deposits 250: 200, version 3, balance 1750', async () => {
    clock.time = T0 + 2000;
    const response = await post(t, '/commands/deposit', { accountId: 'acc-999', amount: 250 });
    ids.push(expectCommandResult(response, 200, { accountId: 'acc-999', version: 3, position: 3, balance: 1750 }));
  });

  it('withdraws 100: 200, version 4, balance 1650', async () => {
    clock.time = T0 + 3000;
    const response = await post(t, '/commands/withdraw', { accountId: 'acc-999', amount: 100 });
    ids.push(expectCommandResult(response, 200, { accountId: 'acc-999', version: 4, position: 4, balance: 1650 }));
    expect(new Set(ids).size).toBe(4);
  });

  it('GET /queries/account/acc-999 gives the full current state', async () => {
    const response = await get(t, '/queries/account/acc-999');
    expect(response.status).toBe(200);
    expectJson(response);
    expect(response.body).toStrictEqual({
      id: 'acc-999',
      version: 4,
      balance: 1650,
      isActive: true,
      transactionCount: 3,
      transactions: [
        { type: 'deposit', amount: 500, timestamp: T0 + 1000, version: 2, eventId: ids[1] },
        { type: 'deposit', amount: 250, timestamp: T0 + 2000, version: 3, eventId: ids[2] },
        { type: 'withdrawal', amount: 100, timestamp: T0 + 3000, version: 4, eventId: ids[3] },
      ],
      openedAt: T0,
    });
    expect(response.body).not.toHaveProperty('closedAt');
  });

  it('GET /events/account/acc-999 gives the four events in version order', async () => {
    const response = await get(t, '/events/account/acc-999');
    expect(response.status).toBe(200);
    expectJson(response);
    const events = response.body as Json[];
    expect(events).toHaveLength(4);
    const expected: ExpectedEvent[] = [
      { eventType: 'AccountOpened', data: { initialBalance: 1000 }, version: 1, timestamp: T0, aggregateId: 'acc-999' },
      { eventType: 'MoneyDeposited', data: { amount: 500 }, version: 2, timestamp: T0 + 1000, aggregateId: 'acc-999' },
      { eventType: 'MoneyDeposited', data: { amount: 250 }, version: 3, timestamp: T0 + 2000, aggregateId: 'acc-999' },
      { eventType: 'MoneyWithdrawn', data: { amount: 100 }, version: 4, timestamp: T0 + 3000, aggregateId: 'acc-999' },
    ];
    expected.forEach((event, index) => expectEvent(events[index], { ...event, id: ids[index], position: index + 1 }));
  });

  it('GET /events/stream gives the same four events in position order', async () => {
    const [stream, account] = await Promise.all([get(t, '/events/stream'), get(t, '/events/account/acc-999')]);
    expect(stream.status).toBe(200);
    expectJson(stream);
    expect(stream.body).toStrictEqual(account.body);
    expect((stream.body as Json[]).map((event) => event.position)).toEqual([1, 2, 3, 4]);
    expect(await t.store.headPosition()).toBe(4);
  });

  it('stores X-Correlation-Id as the correlationId and a causationId on each event', async () => {
    clock.time = T0 + 4000;
    const response = await post(t, '/commands/deposit', { accountId: 'acc-999', amount: 1 }, { 'X-Correlation-Id': 'req-lifecycle-1' });
    expectCommandResult(response, 200, { accountId: 'acc-999', version: 5, position: 5, balance: 1651 });
    const events = (await get(t, '/events/account/acc-999?fromVersion=5')).body as Json[];
    expect(events).toHaveLength(1);
    expect(events[0].metadata).toMatchObject({ correlationId: 'req-lifecycle-1', causationId: expect.any(String) });
  });
});

describe('closing an account', () => {
  const clock = new ManualClock();
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp(clock);
  });
  afterAll(() => t.close());

  it('refuses to close with a balance, closes at 0, then refuses every command', async () => {
    clock.time = T0;
    expectCommandResult(await post(t, '/commands/open-account', { accountId: 'close-1', initialBalance: 100 }), 201, {
      accountId: 'close-1',
      version: 1,
      position: 1,
      balance: 100,
    });
    clock.time = T0 + 1000;
    expectCommandResult(await post(t, '/commands/deposit', { accountId: 'close-1', amount: 50.5 }), 200, {
      accountId: 'close-1',
      version: 2,
      position: 2,
      balance: 150.5,
    });
    expectError(await post(t, '/commands/close-account', { accountId: 'close-1' }), 422, 'BALANCE_NOT_ZERO');
    clock.time = T0 + 2000;
    expectCommandResult(await post(t, '/commands/withdraw', { accountId: 'close-1', amount: 150.5 }), 200, {
      accountId: 'close-1',
      version: 3,
      position: 3,
      balance: 0,
    });
    clock.time = T0 + 3000;
    const closed = await post(t, '/commands/close-account', { accountId: 'close-1' });
    const closeId = expectCommandResult(closed, 200, { accountId: 'close-1', version: 4, position: 4, balance: 0 });

    clock.time = T0 + 4000;
    expectError(await post(t, '/commands/deposit', { accountId: 'close-1', amount: 1 }), 409, 'ACCOUNT_CLOSED');
    expectError(await post(t, '/commands/withdraw', { accountId: 'close-1', amount: 1 }), 409, 'ACCOUNT_CLOSED');
    expectError(await post(t, '/commands/close-account', { accountId: 'close-1' }), 409, 'ACCOUNT_CLOSED');
    expectError(await post(t, '/commands/deposit', { accountId: 'close-1', amount: 1, expectedVersion: 4 }), 409, 'ACCOUNT_CLOSED');
    expectError(await post(t, '/commands/open-account', { accountId: 'close-1' }), 409, 'ACCOUNT_ALREADY_EXISTS');
    expect(await t.store.headPosition()).toBe(4);

    const account = await get(t, '/queries/account/close-1');
    expect(account.status).toBe(200);
    expect(account.body).toStrictEqual({
      id: 'close-1',
      version: 4,
      balance: 0,
      isActive: false,
      transactionCount: 2,
      transactions: [
        { type: 'deposit', amount: 50.5, timestamp: T0 + 1000, version: 2, eventId: expect.stringMatching(UUID) },
        { type: 'withdrawal', amount: 150.5, timestamp: T0 + 2000, version: 3, eventId: expect.stringMatching(UUID) },
      ],
      openedAt: T0,
      closedAt: T0 + 3000,
    });

    const events = (await get(t, '/events/account/close-1')).body as Json[];
    expect(events.map((event) => event.eventType)).toEqual(['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'AccountClosed']);
    expectEvent(events[3], { id: closeId, position: 4, aggregateId: 'close-1', eventType: 'AccountClosed', data: {}, version: 4, timestamp: T0 + 3000 });

    const before = await get(t, '/queries/account/close-1?atVersion=3');
    expect(before.body).toMatchObject({ version: 3, balance: 0, isActive: true });
    expect(before.body).not.toHaveProperty('closedAt');
  });
});

describe('exact money', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('0 + 0.1 + 0.2 is exactly 0.3, and withdrawing 0.3 leaves exactly 0', async () => {
    expectCommandResult(await post(t, '/commands/open-account', { accountId: 'money-1' }), 201, { accountId: 'money-1', version: 1, balance: 0 });
    expectCommandResult(await post(t, '/commands/deposit', { accountId: 'money-1', amount: 0.1 }), 200, {
      accountId: 'money-1',
      version: 2,
      balance: 0.1,
    });
    const second = await post(t, '/commands/deposit', { accountId: 'money-1', amount: 0.2 });
    expectCommandResult(second, 200, { accountId: 'money-1', version: 3, balance: 0.3 });
    expect(second.text).toContain('"balance":0.3');

    const account = await get(t, '/queries/account/money-1');
    expect(account.body.balance).toBe(0.3);
    expect((account.body.transactions as Json[]).map((tx) => tx.amount)).toEqual([0.1, 0.2]);

    const events = (await get(t, '/events/account/money-1')).body as Json[];
    expect(events.map((event) => event.data)).toEqual([{ initialBalance: 0 }, { amount: 0.1 }, { amount: 0.2 }]);

    expectCommandResult(await post(t, '/commands/withdraw', { accountId: 'money-1', amount: 0.3 }), 200, {
      accountId: 'money-1',
      version: 4,
      balance: 0,
    });
    expectCommandResult(await post(t, '/commands/close-account', { accountId: 'money-1' }), 200, {
      accountId: 'money-1',
      version: 5,
      balance: 0,
    });
  });

  it('1.1 + 2.2 is exactly 3.3 and 1000000000000 + 0.01 is exact', async () => {
    await post(t, '/commands/open-account', { accountId: 'money-2', initialBalance: 1.1 });
    expect((await post(t, '/commands/deposit', { accountId: 'money-2', amount: 2.2 })).body.balance).toBe(3.3);
    expect((await post(t, '/commands/withdraw', { accountId: 'money-2', amount: 3.29 })).body.balance).toBe(0.01);
    expect((await post(t, '/commands/deposit', { accountId: 'money-2', amount: 1_000_000_000_000 })).body.balance).toBe(1_000_000_000_000.01);
    expect((await get(t, '/queries/account/money-2')).body.balance).toBe(1_000_000_000_000.01);
  });
});

describe('expectedVersion', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await post(t, '/commands/open-account', { accountId: 'ev-1', initialBalance: 100 });
  });
  afterAll(() => t.close());

  it('a matching expectedVersion succeeds on deposit, withdraw and close', async () => {
    expectCommandResult(await post(t, '/commands/deposit', { accountId: 'ev-1', amount: 10, expectedVersion: 1 }), 200, {
      accountId: 'ev-1',
      version: 2,
      position: 2,
      balance: 110,
    });
    expectCommandResult(await post(t, '/commands/withdraw', { accountId: 'ev-1', amount: 110, expectedVersion: 2 }), 200, {
      accountId: 'ev-1',
      version: 3,
      position: 3,
      balance: 0,
    });
    await post(t, '/commands/open-account', { accountId: 'ev-2', initialBalance: 0 });
    expectCommandResult(await post(t, '/commands/close-account', { accountId: 'ev-2', expectedVersion: 1 }), 200, {
      accountId: 'ev-2',
      version: 2,
      position: 5,
      balance: 0,
    });
  });

  it('a stale or future expectedVersion is 409 VERSION_CONFLICT with currentVersion and appends nothing', async () => {
    const head = await t.store.headPosition();
    expectError(await post(t, '/commands/deposit', { accountId: 'ev-1', amount: 10, expectedVersion: 1 }), 409, 'VERSION_CONFLICT', {
      currentVersion: 3,
    });
    expectError(await post(t, '/commands/withdraw', { accountId: 'ev-1', amount: 1, expectedVersion: 4 }), 409, 'VERSION_CONFLICT', {
      currentVersion: 3,
    });
    expectError(await post(t, '/commands/close-account', { accountId: 'ev-1', expectedVersion: 0 }), 409, 'VERSION_CONFLICT', {
      currentVersion: 3,
    });
    expect(await t.store.headPosition()).toBe(head);
    const account = await get(t, '/queries/account/ev-1');
    expect(account.body).toMatchObject({ version: 3, balance: 0, isActive: true });
  });
});

describe('time travel', () => {
  const clock = new ManualClock();
  let t: TestApp;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startApp(clock);
    const steps: Array<[string, Json]> = [
      ['/commands/open-account', { accountId: 'tt-1', initialBalance: 1000 }],
      ['/commands/deposit', { accountId: 'tt-1', amount: 500 }],
      ['/commands/withdraw', { accountId: 'tt-1', amount: 200 }],
      ['/commands/deposit', { accountId: 'tt-1', amount: 50 }],
    ];
    for (const [index, [path, body]] of steps.entries()) {
      clock.time = T0 + index * 1000;
      const response = await post(t, path, body);
      expect(response.status).toBeLessThan(300);
      ids.push(response.body.eventId as string);
    }
  });
  afterAll(() => t.close());

  const tx = (index: number) =>
    [
      { type: 'deposit', amount: 500, timestamp: T0 + 1000, version: 2, eventId: ids[1] },
      { type: 'withdrawal', amount: 200, timestamp: T0 + 2000, version: 3, eventId: ids[2] },
      { type: 'deposit', amount: 50, timestamp: T0 + 3000, version: 4, eventId: ids[3] },
    ][index];

  it('atVersion gives the state as of each version', async () => {
    const expected = [
      { version: 1, balance: 1000, transactionCount: 0, transactions: [] },
      { version: 2, balance: 1500, transactionCount: 1, transactions: [tx(0)] },
      { version: 3, balance: 1300, transactionCount: 2, transactions: [tx(0), tx(1)] },
      { version: 4, balance: 1350, transactionCount: 3, transactions: [tx(0), tx(1), tx(2)] },
    ];
    for (const state of expected) {
      const response = await get(t, `/queries/account/tt-1?atVersion=${state.version}`);
      expect(response.status).toBe(200);
      expect(response.body).toStrictEqual({ id: 'tt-1', isActive: true, openedAt: T0, ...state });
    }
  });

  it('asOf in milliseconds gives the state at that time (events at exactly that time included)', async () => {
    const at = async (asOf: number | string) => (await get(t, `/queries/account/tt-1?asOf=${encodeURIComponent(String(asOf))}`)).body;
    expect(await at(T0)).toMatchObject({ version: 1, balance: 1000 });
    expect(await at(T0 + 1500)).toMatchObject({ version: 2, balance: 1500, transactionCount: 1 });
    expect(await at(T0 + 2000)).toMatchObject({ version: 3, balance: 1300 });
    expect(await at(T0 + 999_999)).toMatchObject({ version: 4, balance: 1350 });
    const full = await get(t, `/queries/account/tt-1?asOf=${T0 + 1500}`);
    expect(full.status).toBe(200);
    expect(full.body).toStrictEqual({
      id: 'tt-1',
      version: 2,
      balance: 1500,
      isActive: true,
      transactionCount: 1,
      transactions: [tx(0)],
      openedAt: T0,
    });
  });

  it('asOf as an ISO-8601 string gives the state at that time', async () => {
    const at = async (asOf: string) => {
      const response = await get(t, `/queries/account/tt-1?asOf=${encodeURIComponent(asOf)}`);
      expect(response.status).toBe(200);
      return response.body as Json;
    };
    expect(await at('2026-01-15T09:00:00Z')).toMatchObject({ version: 1, balance: 1000 });
    expect(await at('2026-01-15T09:00:01.500Z')).toMatchObject({ version: 2, balance: 1500 });
    expect(await at('2026-01-15T09:00:02.999Z')).toMatchObject({ version: 3, balance: 1300 });
    expect(await at('2026-01-15T10:00:01+01:00')).toMatchObject({ version: 2, balance: 1500 });
    expect(await at('2026-01-16')).toMatchObject({ version: 4, balance: 1350 });
  });

  it('asOf or atVersion with limit shows the newest transactions of that state', async () => {
    const response = await get(t, '/queries/account/tt-1?atVersion=3&limit=1');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ version: 3, transactionCount: 2, transactions: [tx(1)] });
  });

  it('before the account was opened is 404 ACCOUNT_NOT_FOUND', async () => {
    expectError(await get(t, `/queries/account/tt-1?asOf=${T0 - 1}`), 404, 'ACCOUNT_NOT_FOUND');
    expectError(await get(t, '/queries/account/tt-1?asOf=0'), 404, 'ACCOUNT_NOT_FOUND');
    expectError(await get(t, `/queries/account/tt-1?asOf=${encodeURIComponent('2026-01-15T08:59:59.999Z')}`), 404, 'ACCOUNT_NOT_FOUND');
    expectError(await get(t, '/queries/account/tt-1?asOf=2026-01-14'), 404, 'ACCOUNT_NOT_FOUND');
  });

  it('atVersion together with asOf is 400 VALIDATION_FAILED', async () => {
    const response = await get(t, `/queries/account/tt-1?atVersion=2&asOf=${T0 + 1500}`);
    expectError(response, 400, 'VALIDATION_FAILED', { details: expect.any(Array) });
    expect(response.body.details.length).toBeGreaterThan(0);
  });
});

describe('transactions limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await post(t, '/commands/open-account', { accountId: 'lim-1' });
    for (let amount = 1; amount <= 7; amount++) await post(t, '/commands/deposit', { accountId: 'lim-1', amount });
    await post(t, '/commands/open-account', { accountId: 'lim-60', initialBalance: 0 });
    for (let index = 1; index <= 60; index++) await post(t, '/commands/deposit', { accountId: 'lim-60', amount: index });
  });
  afterAll(() => t.close());

  it('limit=N lists the newest N transactions oldest first; transactionCount counts all', async () => {
    const response = await get(t, '/queries/account/lim-1?limit=3');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ version: 8, balance: 28, transactionCount: 7 });
    expect((response.body.transactions as Json[]).map((tx) => [tx.amount, tx.version])).toEqual([
      [5, 6],
      [6, 7],
      [7, 8],
    ]);
  });

  it('limit=1, limit=0 and a limit above the count', async () => {
    expect((await get(t, '/queries/account/lim-1?limit=1')).body.transactions.map((tx: Json) => tx.amount)).toEqual([7]);
    const none = await get(t, '/queries/account/lim-1?limit=0');
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ transactionCount: 7, transactions: [] });
    expect((await get(t, '/queries/account/lim-1?limit=1000')).body.transactions.map((tx: Json) => tx.amount)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('defaults to the newest 50 transactions', async () => {
    const response = await get(t, '/queries/account/lim-60');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ version: 61, balance: (60 * 61) / 2, transactionCount: 60 });
    const amounts = (response.body.transactions as Json[]).map((tx) => tx.amount);
    expect(amounts).toEqual(Array.from({ length: 50 }, (_, index) => index + 11));
  });
});

describe('GET /events/stream and /events/account paging', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const steps: Array<[string, Json]> = [
      ['/commands/open-account', { accountId: 's-a', initialBalance: 100 }], // 1
      ['/commands/open-account', { accountId: 's-b', initialBalance: 200 }], // 2
      ['/commands/deposit', { accountId: 's-a', amount: 10 }], // 3
      ['/commands/withdraw', { accountId: 's-b', amount: 20 }], // 4
      ['/commands/deposit', { accountId: 's-b', amount: 30 }], // 5
      ['/commands/open-account', { accountId: 's-c' }], // 6
      ['/commands/close-account', { accountId: 's-c' }], // 7
    ];
    for (const [path, body] of steps) expect((await post(t, path, body)).status).toBeLessThan(300);
  });
  afterAll(() => t.close());

  const positions = async (query: string): Promise<number[]> => {
    const response = await get(t, `/events/stream${query}`);
    expect(response.status).toBe(200);
    expectJson(response);
    return (response.body as Json[]).map((event) => event.position as number);
  };

  it('without parameters returns every event in position order, each in the SPEC 2.2 shape', async () => {
    const response = await get(t, '/events/stream');
    const events = response.body as Json[];
    expect(events.map((event) => event.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(events.map((event) => event.id)).size).toBe(7);
    const expected: Array<Omit<ExpectedEvent, 'position'>> = [
      { aggregateId: 's-a', eventType: 'AccountOpened', data: { initialBalance: 100 }, version: 1 },
      { aggregateId: 's-b', eventType: 'AccountOpened', data: { initialBalance: 200 }, version: 1 },
      { aggregateId: 's-a', eventType: 'MoneyDeposited', data: { amount: 10 }, version: 2 },
      { aggregateId: 's-b', eventType: 'MoneyWithdrawn', data: { amount: 20 }, version: 2 },
      { aggregateId: 's-b', eventType: 'MoneyDeposited', data: { amount: 30 }, version: 3 },
      { aggregateId: 's-c', eventType: 'AccountOpened', data: { initialBalance: 0 }, version: 1 },
      { aggregateId: 's-c', eventType: 'AccountClosed', data: {}, version: 2 },
    ];
    expected.forEach((event, index) => expectEvent(events[index], { ...event, position: index + 1 }));
  });

  it('after and limit page through the log', async () => {
    expect(await positions('?after=2&limit=3')).toEqual([3, 4, 5]);
    expect(await positions('?limit=1')).toEqual([1]);
    expect(await positions('?after=0')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await positions('?after=7')).toEqual([]);
    expect(await positions('?after=1000')).toEqual([]);
    expect(await positions('?limit=10000')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const seen: number[] = [];
    let after = 0;
    for (let page = 0; page < 10; page++) {
      const chunk = await positions(`?after=${after}&limit=2`);
      if (chunk.length === 0) break;
      expect(chunk.length).toBeLessThanOrEqual(2);
      seen.push(...chunk);
      after = chunk[chunk.length - 1];
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('eventType filters by one type, a comma-separated list or a repeated parameter', async () => {
    expect(await positions('?eventType=MoneyDeposited')).toEqual([3, 5]);
    expect(await positions('?eventType=MoneyDeposited,MoneyWithdrawn')).toEqual([3, 4, 5]);
    expect(await positions('?eventType=AccountOpened&eventType=AccountClosed')).toEqual([1, 2, 6, 7]);
    expect(await positions('?eventType=MoneyDeposited&after=3')).toEqual([5]);
    expect(await positions('?eventType=AccountOpened&limit=2')).toEqual([1, 2]);
    expect(await positions('?eventType=AccountOpened&after=1&limit=1')).toEqual([2]);
    expect(await positions('?eventType=NoSuchEvent')).toEqual([]);
  });

  it('/events/account pages by fromVersion and limit', async () => {
    const versions = async (query: string): Promise<number[]> => {
      const response = await get(t, `/events/account/s-b${query}`);
      expect(response.status).toBe(200);
      for (const event of response.body as Json[]) expect(event.aggregateId).toBe('s-b');
      return (response.body as Json[]).map((event) => (event.metadata as Json).version as number);
    };
    expect(await versions('')).toEqual([1, 2, 3]);
    expect(await versions('?fromVersion=2')).toEqual([2, 3]);
    expect(await versions('?limit=1')).toEqual([1]);
    expect(await versions('?fromVersion=2&limit=1')).toEqual([2]);
    expect(await versions('?fromVersion=3&limit=10')).toEqual([3]);
    expect(await versions('?fromVersion=4')).toEqual([]);
    expect(await versions('?fromVersion=100')).toEqual([]);
  });
});

describe('snapshots', () => {
  const clock = new ManualClock();
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(clock);
  });
  afterAll(() => t.close());

  const deposit = async (times: number) => {
    for (let index = 0; index < times; index++) {
      clock.time += 1000;
      expect((await post(t, '/commands/deposit', { accountId: 'snap-1', amount: 1.11 })).status).toBe(200);
    }
  };

  it('is 404 SNAPSHOT_NOT_FOUND until the account has 10 events', async () => {
    clock.time = T0;
    await post(t, '/commands/open-account', { accountId: 'snap-1', initialBalance: 0.5 });
    expectError(await get(t, '/snapshots/account/snap-1'), 404, 'SNAPSHOT_NOT_FOUND');
    await deposit(8); // version 9
    expectError(await get(t, '/snapshots/account/snap-1'), 404, 'SNAPSHOT_NOT_FOUND');
  });

  it('at version 10 returns the snapshot with its balance in major units', async () => {
    await deposit(1); // version 10, at T0 + 9000
    const response = await get(t, '/snapshots/account/snap-1');
    expect(response.status).toBe(200);
    expectJson(response);
    expect(response.body).toStrictEqual({
      aggregateId: 'snap-1',
      aggregateType: 'BankAccount',
      version: 10,
      state: { id: 'snap-1', balance: 10.49, isActive: true, transactionCount: 9, openedAt: T0, closedAt: null },
      timestamp: T0 + 9000,
      schemaVersion: 1,
    });
  });

  it('keeps the version-10 snapshot until version 20, and the account query agrees with it', async () => {
    await deposit(5); // version 15
    expect((await get(t, '/snapshots/account/snap-1')).body).toMatchObject({ version: 10 });
    const account = await get(t, '/queries/account/snap-1');
    expect(account.body).toMatchObject({ version: 15, balance: 16.04, transactionCount: 14 });
    await deposit(5); // version 20, at T0 + 19000
    const response = await get(t, '/snapshots/account/snap-1');
    expect(response.body).toStrictEqual({
      aggregateId: 'snap-1',
      aggregateType: 'BankAccount',
      version: 20,
      state: { id: 'snap-1', balance: 21.59, isActive: true, transactionCount: 19, openedAt: T0, closedAt: null },
      timestamp: T0 + 19000,
      schemaVersion: 1,
    });
    const after = await get(t, '/queries/account/snap-1');
    expect(after.body).toMatchObject({ version: 20, balance: 21.59, transactionCount: 19 });
    expect(after.body.transactions).toHaveLength(19);
    const atTwelve = await get(t, '/queries/account/snap-1?atVersion=12');
    expect(atTwelve.body).toMatchObject({ version: 12, balance: 12.71, transactionCount: 11 });
  });
});

describe('unknown accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it.each([
    '/queries/account/nobody',
    '/queries/account/nobody?atVersion=1',
    '/queries/account/nobody?asOf=1767225600000',
    '/queries/account/nobody?limit=5',
    '/events/account/nobody',
    '/events/account/nobody?fromVersion=2',
    '/snapshots/account/nobody',
  ])('GET %s is 404 ACCOUNT_NOT_FOUND', async (path) => {
    expectError(await get(t, path), 404, 'ACCOUNT_NOT_FOUND');
  });
});
