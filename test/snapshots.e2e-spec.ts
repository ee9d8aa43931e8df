import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SqliteEventStore } from '../src/eventstore/adapters/sqlite/sqlite-event-store.js';
import { EVENT_STORE, type EventStore, type ReadStreamOptions } from '../src/eventstore/event-store.port.js';
import { createTestApp, type TestApp } from './support/create-test-app.js';

/** Counts the events the service reads forward from streams: what rebuilding an aggregate costs. */
class CountingStore {
  eventsReadForward = 0;

  wrap(inner: EventStore): EventStore {
    return new Proxy(inner, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property === 'readStream') {
          return async (streamId: string, options?: ReadStreamOptions) => {
            const events = await target.readStream(streamId, options);
            if (options?.direction !== 'backward') this.eventsReadForward += events.length;
            return events;
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
}

describe('snapshots', () => {
  let t: TestApp;
  let folder: string;
  const counter = new CountingStore();

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'bank-snapshots-'));
    t = await createTestApp({}, (builder) =>
      builder.overrideProvider(EVENT_STORE).useFactory({
        factory: () => counter.wrap(new SqliteEventStore({ path: join(folder, 'event-store.sqlite') })),
      }),
    );
  });
  afterAll(async () => {
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('given an account with 1,000 events, then it is rebuilt from its snapshot plus at most 9 events', async () => {
    await request(t.server).post('/commands/open-account').send({ accountId: 'long-1', initialBalance: 0 }).expect(201);
    for (let i = 0; i < 999; i++) {
      await request(t.server).post('/commands/deposit').send({ accountId: 'long-1', amount: 1 }).expect(200);
    }
    const snapshot = await request(t.server).get('/snapshots/account/long-1').expect(200);
    expect(snapshot.body).toMatchObject({ aggregateId: 'long-1', aggregateType: 'BankAccount', version: 1000, schemaVersion: 1 });
    expect(snapshot.body.state).toEqual({
      id: 'long-1',
      balance: 999,
      isActive: true,
      transactionCount: 999,
      openedAt: expect.any(Number),
      closedAt: null,
    });
    expect(JSON.stringify(snapshot.body.state).length).toBeLessThan(200);

    for (let i = 0; i < 9; i++) {
      await request(t.server).post('/commands/deposit').send({ accountId: 'long-1', amount: 1 }).expect(200);
    }
    counter.eventsReadForward = 0;
    const account = await request(t.server).get('/queries/account/long-1?limit=3').expect(200);
    expect(account.body).toMatchObject({ version: 1009, balance: 1008, transactionCount: 1008 });
    expect(account.body.transactions.map((tx: { version: number }) => tx.version)).toEqual([1007, 1008, 1009]);
    expect(counter.eventsReadForward).toBe(9);

    counter.eventsReadForward = 0;
    await request(t.server).post('/commands/deposit').send({ accountId: 'long-1', amount: 1 }).expect(200);
    expect(counter.eventsReadForward).toBeLessThanOrEqual(9);
  });

  it('ignores a snapshot of another state schema and rebuilds from events', async () => {
    await request(t.server).post('/commands/open-account').send({ accountId: 'schema-1', initialBalance: 5 }).expect(201);
    await t.store.saveSnapshot({
      aggregateId: 'schema-1',
      aggregateType: 'BankAccount',
      version: 1,
      state: { legacy: true, balanceCents: 999999 },
      timestamp: 1,
      schemaVersion: 0,
    });
    const account = await request(t.server).get('/queries/account/schema-1').expect(200);
    expect(account.body).toMatchObject({ balance: 5, version: 1 });
  });

  it('time-travels from the nearest older snapshot', async () => {
    counter.eventsReadForward = 0;
    const past = await request(t.server).get('/queries/account/long-1?atVersion=505&limit=1').expect(200);
    expect(past.body).toMatchObject({ version: 505, balance: 504, transactionCount: 504 });
    expect(past.body.transactions).toEqual([expect.objectContaining({ version: 505, amount: 1, type: 'deposit' })]);
    expect(counter.eventsReadForward).toBe(5);
  });
});
