import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SqliteEventStore } from '../src/eventstore/adapters/sqlite/sqlite-event-store.js';
import { newEventId } from '../src/eventstore/event-id.js';
import { createTestApp, type TestApp } from './support/create-test-app.js';

const OPENED_AT = Date.UTC(2024, 0, 15, 9, 0, 0);

/** What an older release wrote: amounts in cents under the old type names (SPEC 3). */
async function writeOlderReleaseLog(sqlitePath: string): Promise<void> {
  const store = new SqliteEventStore({ path: sqlitePath });
  const at = (minutes: number) => OPENED_AT + minutes * 60_000;
  await store.append({
    streamId: 'acc-legacy',
    streamType: 'BankAccount',
    expectedVersion: 0,
    events: [
      { id: newEventId(), eventType: 'AccountOpened', schemaVersion: 1, data: { initialBalance: 100 }, timestamp: at(0) },
      { id: newEventId(), eventType: 'FundsDeposited', schemaVersion: 1, data: { amountCents: 50000 }, timestamp: at(1) },
      { id: newEventId(), eventType: 'FundsWithdrawn', schemaVersion: 1, data: { amountCents: 20000 }, timestamp: at(2) },
      { id: newEventId(), eventType: 'FundsDeposited', schemaVersion: 1, data: { amountCents: 1 }, timestamp: at(3) },
    ],
  });
  await store.close();
}

describe('event schema evolution: a log written by an older release', () => {
  let folder: string;
  let t: TestApp;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'bank-legacy-'));
    const sqlitePath = join(folder, 'event-store.sqlite');
    await writeOlderReleaseLog(sqlitePath);
    t = await createTestApp({ sqlitePath });
  });
  afterAll(async () => {
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('rebuilds the account from FundsDeposited / FundsWithdrawn as deposits and withdrawals', async () => {
    const account = await request(t.server).get('/queries/account/acc-legacy').expect(200);
    expect(account.body).toMatchObject({ id: 'acc-legacy', version: 4, balance: 400.01, isActive: true, transactionCount: 3 });
    expect(account.body.transactions.map((tx: { type: string; amount: number; version: number }) => [tx.type, tx.amount, tx.version])).toEqual([
      ['deposit', 500, 2],
      ['withdrawal', 200, 3],
      ['deposit', 0.01, 4],
    ]);
    const past = await request(t.server).get('/queries/account/acc-legacy?atVersion=2').expect(200);
    expect(past.body).toMatchObject({ version: 2, balance: 600 });
  });

  it('shows the legacy events in their current shape in the events API, and filters them by current type', async () => {
    const events = await request(t.server).get('/events/account/acc-legacy').expect(200);
    expect(events.body.map((event: { eventType: string; data: unknown; metadata: { schemaVersion: number } }) => [event.eventType, event.data, event.metadata.schemaVersion])).toEqual([
      ['AccountOpened', { initialBalance: 100 }, 1],
      ['MoneyDeposited', { amount: 500 }, 1],
      ['MoneyWithdrawn', { amount: 200 }, 1],
      ['MoneyDeposited', { amount: 0.01 }, 1],
    ]);
    const deposits = await request(t.server).get('/events/stream?eventType=MoneyDeposited').expect(200);
    expect(deposits.body.map((event: { position: number; data: unknown }) => [event.position, event.data])).toEqual([
      [2, { amount: 500 }],
      [4, { amount: 0.01 }],
    ]);
    const renamed = await request(t.server).get('/events/stream?eventType=FundsDeposited').expect(200);
    expect(renamed.body).toEqual([]);
  });

  it('builds the projections and stats from the current shapes', async () => {
    const balances = await request(t.server).get('/projections/AccountBalances?accountId=acc-legacy&minPosition=4').expect(200);
    expect(balances.body.data.balances['acc-legacy']).toMatchObject({ balance: 400.01, isActive: true });
    const history = await request(t.server).get('/projections/TransactionHistory?accountId=acc-legacy&minPosition=4').expect(200);
    expect(history.body.data.transactions.map((tx: { type: string; amount: number; balanceAfter: number }) => [tx.type, tx.amount, tx.balanceAfter])).toEqual([
      ['deposit', 500, 600],
      ['withdrawal', 200, 400],
      ['deposit', 0.01, 400.01],
    ]);
    const daily = await request(t.server).get('/projections/DailySummary?minPosition=4').expect(200);
    expect(daily.body.data.days['2024-01-15']).toEqual({ deposits: 600.01, withdrawals: 200, netChange: 400.01, transactionCount: 4 });
    const stats = await request(t.server).get('/stats?minPosition=4').expect(200);
    expect(stats.body.eventsByType).toEqual({ AccountOpened: 1, MoneyDeposited: 2, MoneyWithdrawn: 1 });
  });

  it('takes new commands on the account: the aggregate decides on the upcast history', async () => {
    const refused = await request(t.server).post('/commands/withdraw').send({ accountId: 'acc-legacy', amount: 400.02 });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('INSUFFICIENT_FUNDS');
    const withdrawn = await request(t.server).post('/commands/withdraw').send({ accountId: 'acc-legacy', amount: 400.01 }).expect(200);
    expect(withdrawn.body).toMatchObject({ version: 5, balance: 0 });
    await request(t.server).post('/commands/close-account').send({ accountId: 'acc-legacy' }).expect(200);
  });
});
