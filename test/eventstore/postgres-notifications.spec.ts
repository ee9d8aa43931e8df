import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '../../src/eventstore/adapters/postgres/postgres-event-store.js';
import { DATABASE_URL, describeWithPostgres, dropSchemas, freshSchema } from '../support/postgres.js';

const deposit = () => ({ id: randomUUID(), eventType: 'MoneyDeposited', data: { amount: 1 }, schemaVersion: 1, timestamp: 1 });

/** Two instances on one schema hear each other's appends: new heads, and which streams the other wrote. */
await describeWithPostgres('PostgreSQL append notifications', () => {
  const schema = freshSchema();
  let a: PostgresEventStore;
  let b: PostgresEventStore;
  beforeAll(async () => {
    a = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, poolSize: 2 });
    b = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, poolSize: 2 });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await dropSchemas([schema]);
  });

  it('given appends by both instances, then each hears the streams the other wrote, never its own, and the new heads', async () => {
    const foreignToA: string[] = [];
    const foreignToB: string[] = [];
    const headsOnB: number[] = [];
    const aHeardY = new Promise<void>((resolve) =>
      a.onForeignAppend((stream) => {
        foreignToA.push(stream);
        if (stream === 'stream-y') resolve();
      }),
    );
    const bHeardX = new Promise<void>((resolve) =>
      b.onForeignAppend((stream) => {
        foreignToB.push(stream);
        if (stream === 'stream-x') resolve();
      }),
    );
    b.onAppended((position) => headsOnB.push(position));

    const x = await a.append({ streamId: 'stream-x', streamType: 'BankAccount', expectedVersion: 0, events: [deposit()] });
    await bHeardX;
    const y = await b.append({ streamId: 'stream-y', streamType: 'BankAccount', expectedVersion: 0, events: [deposit()] });
    await aHeardY;

    expect(foreignToA).toEqual(['stream-y']);
    expect(foreignToB).toEqual(['stream-x']);
    expect(headsOnB).toEqual([x.position, y.position]);
  });
});
