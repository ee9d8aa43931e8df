import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PostgresEventStore } from '../../src/eventstore/adapters/postgres/postgres-event-store.js';
import { POSTGRES_MIGRATIONS } from '../../src/eventstore/adapters/postgres/postgres-migrations.js';
import { advisoryKey, notificationChannel } from '../../src/eventstore/adapters/postgres/postgres-sql.js';
import type { AppendRequest, AppendResult } from '../../src/eventstore/append.js';
import type { NewEvent } from '../../src/eventstore/event-envelope.js';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../../src/eventstore/event-store.errors.js';
import { DATABASE_URL, describeWithPostgres, dropSchemas, freshSchema } from '../support/postgres.js';
import { waitUntil } from '../support/wait-until.js';

const deposit = (id: string = randomUUID()): NewEvent => ({ id, eventType: 'MoneyDeposited', data: { amount: 1 }, schemaVersion: 1, timestamp: 1 });

/** What a promise settled with. */
const settled = <T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

/**
 * An append with an idempotency record: it runs in a transaction, on a pooled connection that is rolled
 * back and reused when the append fails (a plain append's connection is dropped on any error).
 */
const idempotentAppend = (stream: string, eventId: string): AppendRequest => ({
  streamId: stream,
  streamType: 'BankAccount',
  expectedVersion: 0,
  events: [deposit(eventId)],
  idempotency: { key: randomUUID(), fingerprint: 'f', statusCode: 200, body: (result) => result.position, createdAt: 1 },
});

/**
 * The append lock serialises the INSERT of every append of a database: whatever happens to one append
 * (a conflict, a cancel, a wait on another transaction) must not stop the others.
 */
await describeWithPostgres('PostgreSQL append lock', () => {
  const schema = freshSchema();
  let store: PostgresEventStore;
  let bystanders: PostgresEventStore;
  /** Holds an append open in its own transaction, as an idempotent append does until it commits. */
  let holder: pg.Client;
  let observer: pg.Client;

  /** Appends to `stream` in `holder`'s open transaction. */
  const holdAppend = async (stream: string, eventId: string) => {
    await holder.query('BEGIN');
    await holder.query('SELECT append_events($1::bigint, $2, $3, $4, $5, $6, $7::jsonb)', [
      advisoryKey(schema, 'append'),
      notificationChannel(schema),
      'holder',
      stream,
      'BankAccount',
      0,
      JSON.stringify([{ id: eventId, version: 1, event_type: 'MoneyDeposited', data: {}, schema_version: 1, timestamp: 1 }]),
    ]);
  };
  /** Resolves once one append of the store waits for a lock. */
  const appendWaiting = () =>
    waitUntil(
      async () =>
        (await observer.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'SELECT append_events%'")).rowCount === 1,
      5000,
      'an append to wait for a lock',
    );
  const appendLockHolders = async () =>
    (
      await observer.query(
        `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
           AND classid = (($1::bigint >> 32) & 4294967295)::oid AND objid = ($1::bigint & 4294967295)::oid`,
        [advisoryKey(schema, 'append')],
      )
    ).rows;
  const bystanderAppend = () =>
    bystanders.append({ streamId: `bystander-${randomUUID()}`, streamType: 'BankAccount', expectedVersion: 0, events: [deposit()] });

  beforeAll(async () => {
    store = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema });
    // fails a call stuck behind a lost lock instead of hanging the test
    bystanders = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, poolSize: 2, statementTimeoutMillis: 5000 });
    holder = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
    observer = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
    await holder.connect();
    await observer.connect();
  });
  afterEach(async () => {
    await holder.query('ROLLBACK');
  });
  afterAll(async () => {
    await holder.end();
    await observer.end();
    await store.close();
    await bystanders.close();
    await dropSchemas([schema]);
  });

  it('given 30 concurrent idempotent appends to one new stream on a pool of 10, then one succeeds and the others get a version conflict', async () => {
    const stream = `hot-${randomUUID()}`;
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        settled(
          store.append({
            streamId: stream,
            streamType: 'BankAccount',
            expectedVersion: 0,
            events: [deposit()],
            idempotency: { key: `${stream}-${index}`, fingerprint: 'f', statusCode: 200, body: (result) => result.position, createdAt: 1 },
          }),
        ),
      ),
    );

    expect(outcomes.filter((outcome) => outcome.value).length).toBe(1);
    const conflicts = outcomes.filter((outcome) => outcome.error).map((outcome) => outcome.error);
    expect(conflicts).toHaveLength(29);
    for (const conflict of conflicts) {
      expect(conflict).toBeInstanceOf(WrongExpectedVersionError);
      expect((conflict as WrongExpectedVersionError).currentVersion).toBe(1);
    }
  });

  it('given an open transaction appending to a stream, when the store appends to it too, then appends to other streams go on and it gets a conflict once that commits', async () => {
    const stream = `held-${randomUUID()}`;
    await holdAppend(stream, randomUUID());
    const blocked = settled(store.append({ streamId: stream, streamType: 'BankAccount', expectedVersion: 0, events: [deposit()] }));
    await appendWaiting();

    const other = await bystanderAppend();
    expect(other.version).toBe(1);

    await holder.query('COMMIT');
    const { error } = await blocked;
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect((error as WrongExpectedVersionError).currentVersion).toBe(1);
  });

  it('given an open transaction inserting an event id, when another append inserts that id, then it fails as unavailable after the lock timeout and the others go on', async () => {
    const eventId = randomUUID();
    await holdAppend(`first-${randomUUID()}`, eventId);

    const duplicate = settled(store.append({ streamId: `second-${randomUUID()}`, streamType: 'BankAccount', expectedVersion: 0, events: [deposit(eventId)] }));
    const other: Promise<AppendResult> = (async () => {
      await appendWaiting();
      return bystanderAppend();
    })();

    const { error } = await duplicate;
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(((error as Error).cause as { code?: string }).code).toBe('55P03');
    expect((await other).version).toBe(1);
    expect(await appendLockHolders()).toEqual([]);
  });

  it('given an append waiting under the append lock, when it is cancelled, then the lock is released and other appends go on', async () => {
    await holdAppend(`first-${randomUUID()}`, 'cancelled-event');
    const cancelled = settled(store.append(idempotentAppend(`second-${randomUUID()}`, 'cancelled-event')));
    await appendWaiting();
    await observer.query("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'SELECT append_events%'");

    const { error } = await cancelled;
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(((error as Error).cause as { code?: string }).code).toBe('57014');
    expect(await appendLockHolders()).toEqual([]);
    expect((await bystanderAppend()).version).toBe(1);
  });

  it('given an append waiting under the append lock, when its statement times out, then the lock is released and other appends go on', async () => {
    const impatient = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, poolSize: 1, statementTimeoutMillis: 200 });
    try {
      await holdAppend(`first-${randomUUID()}`, 'timed-out-event');
      const { error } = await settled(
        impatient.append(idempotentAppend(`second-${randomUUID()}`, 'timed-out-event')),
      );

      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect(((error as Error).cause as { code?: string }).code).toBe('57014');
      expect(await appendLockHolders()).toEqual([]);
      expect((await bystanderAppend()).version).toBe(1);
    } finally {
      await impatient.close();
    }
  });
});

await describeWithPostgres('PostgreSQL append lock after an upgrade', () => {
  const schema = freshSchema();
  afterAll(() => dropSchemas([schema]));

  it('given a database at migration 2, when a store connects, then a cancelled append no longer keeps the append lock', async () => {
    const setup = new pg.Client({ connectionString: DATABASE_URL });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA ${schema}; SET search_path = ${schema}`);
      await setup.query(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
      for (const migration of POSTGRES_MIGRATIONS.filter((candidate) => candidate.version <= 2)) {
        await setup.query(migration.sql);
        await setup.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      }
    } finally {
      await setup.end();
    }

    const store = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, poolSize: 1, statementTimeoutMillis: 2000 });
    const clients = [1, 2].map(() => new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` }));
    const [holder, impatient] = clients;
    const append = (client: pg.Client, stream: string) =>
      client.query(`SELECT append_events($1::bigint, $2, 'w', $3, 'BankAccount', 0, $4::jsonb)`, [
        advisoryKey(schema, 'append'),
        notificationChannel(schema),
        stream,
        JSON.stringify([{ id: 'same-id', version: 1, event_type: 'MoneyDeposited', data: {}, schema_version: 1, timestamp: 1 }]),
      ]);
    try {
      for (const client of clients) await client.connect();
      const { rows } = await holder.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((row) => row.version)).toEqual(POSTGRES_MIGRATIONS.map((migration) => migration.version));

      // an append that times out while it waits under the append lock for another transaction's event id
      await holder.query('BEGIN');
      await append(holder, 'first');
      await impatient.query("SET statement_timeout = '200ms'");
      const { error } = await settled(append(impatient, 'second'));
      expect((error as { code?: string }).code).toBe('57014');

      const appended = await store.append({ streamId: 'after-upgrade', streamType: 'BankAccount', expectedVersion: 0, events: [deposit()] });
      expect(appended.version).toBe(1);
      await holder.query('ROLLBACK');
    } finally {
      for (const client of clients) await client.end();
      await store.close();
    }
  });
});
