import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PostgresEventStore } from '../../src/eventstore/adapters/postgres/postgres-event-store.js';
import type { NewEvent } from '../../src/eventstore/event-envelope.js';
import { DATABASE_URL, describeWithPostgres, dropSchemas, freshSchema } from '../support/postgres.js';
import { waitUntil } from '../support/wait-until.js';

const deposit = (): NewEvent => ({ id: randomUUID(), eventType: 'MoneyDeposited', data: { amount: 1 }, schemaVersion: 1, timestamp: 1 });

/**
 * A position taken by a transaction that commits after a later-numbered one must not be skipped by a
 * reader following `position > checkpoint`.
 */
await describeWithPostgres('PostgreSQL gap-safe global reads', () => {
  const schema = freshSchema();
  let store: PostgresEventStore;
  let blocker: pg.Client;
  let observer: pg.Client;

  beforeAll(async () => {
    store = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, poolSize: 4 });
    blocker = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
    observer = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
    await blocker.connect();
    await observer.connect();
  });
  afterAll(async () => {
    await blocker.end();
    await observer.end();
    await store.close();
    await dropSchemas([schema]);
  });

  it('given an append holding position P open and a later append committed, then readers stop before P until it commits', async () => {
    // given two streams and the head H
    await store.append({ streamId: 'gap-a', streamType: 'BankAccount', expectedVersion: 0, events: [deposit()] });
    await store.append({ streamId: 'gap-b', streamType: 'BankAccount', expectedVersion: 0, events: [deposit()] });
    const head = await store.headPosition();

    // an append to gap-a takes its position, then waits on a row lock held by another transaction
    await blocker.query('BEGIN');
    await blocker.query("SELECT * FROM streams WHERE stream_id = 'gap-a' FOR UPDATE");
    const slow = store.append({ streamId: 'gap-a', streamType: 'BankAccount', expectedVersion: 1, events: [deposit()] });
    await waitUntil(
      async () =>
        (
          await observer.query(
            "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'SELECT append_events%'",
          )
        ).rowCount === 1,
      5000,
      'the first append to wait with its position taken',
    );

    // when a later append commits
    const fast = await store.append({ streamId: 'gap-b', streamType: 'BankAccount', expectedVersion: 1, events: [deposit()] });
    expect(fast.position).toBe(head + 2);
    const committed = await observer.query<{ position: string }>('SELECT position FROM events WHERE position > $1 ORDER BY position', [head]);
    expect(committed.rows.map((row) => Number(row.position))).toEqual([head + 2]);

    // then the reader does not pass the open position
    expect(await store.readAll({ after: head, limit: 100 })).toEqual([]);

    // when the first append commits, then both come, in position order
    await blocker.query('COMMIT');
    const first = await slow;
    expect(first.position).toBe(head + 1);
    const events = await store.readAll({ after: head, limit: 100 });
    expect(events.map((event) => [event.position, event.aggregateId])).toEqual([
      [head + 1, 'gap-a'],
      [head + 2, 'gap-b'],
    ]);
  });
});
