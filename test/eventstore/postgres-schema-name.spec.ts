import { randomBytes, randomUUID } from 'node:crypto';
import { PostgresEventStore } from '../../src/eventstore/adapters/postgres/postgres-event-store.js';
import { notificationChannel } from '../../src/eventstore/adapters/postgres/postgres-sql.js';
import type { NewEvent } from '../../src/eventstore/event-envelope.js';
import { DATABASE_URL, describeWithPostgres, dropSchemas } from '../support/postgres.js';

const deposit = (): NewEvent => ({ id: randomUUID(), eventType: 'MoneyDeposited', data: { amount: 1 }, schemaVersion: 1, timestamp: 1 });

/** A fresh schema name of exactly `length` characters. */
const schemaOfLength = (length: number) => `t_${randomBytes(8).toString('hex')}`.padEnd(length, 'x');

describe('notificationChannel', () => {
  it('given a schema whose channel fits, then it is events_appended_<schema>', () => {
    expect(notificationChannel('public')).toBe('events_appended_public');
    expect(notificationChannel('s'.repeat(47))).toBe(`events_appended_${'s'.repeat(47)}`);
  });

  it('given the longest schema names, then the channel fits in 63 bytes and tells schemas apart', () => {
    const a = notificationChannel(`${'s'.repeat(62)}a`);
    const b = notificationChannel(`${'s'.repeat(62)}b`);
    expect(a.length).toBeLessThanOrEqual(63);
    expect(b.length).toBeLessThanOrEqual(63);
    expect(a).not.toBe(b);
  });
});

/** Any schema name PostgreSQL takes (up to 63 characters) works, notifications included. */
await describeWithPostgres('PostgreSQL store on a long schema name', () => {
  const schema = schemaOfLength(63);
  let a: PostgresEventStore;
  let b: PostgresEventStore;
  beforeAll(async () => {
    a = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, poolSize: 1 });
    b = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, poolSize: 1 });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await dropSchemas([schema]);
  });

  it('given a 63-character schema, when one instance appends, then the append succeeds and the other instance hears it', async () => {
    const heard = new Promise<string>((resolve) => b.onForeignAppend(resolve));

    const appended = await a.append({ streamId: 'long-schema', streamType: 'BankAccount', expectedVersion: 0, events: [deposit()] });

    expect(appended.version).toBe(1);
    expect(await heard).toBe('long-schema');
  });

  it('given a 64-character schema, then connecting fails at once with a clear error', async () => {
    await expect(PostgresEventStore.connect({ connectionString: DATABASE_URL, schema: schemaOfLength(64) })).rejects.toThrow(
      /Invalid PostgreSQL schema name/,
    );
  });
});
