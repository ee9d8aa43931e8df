import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PostgresEventStore } from '../../src/eventstore/adapters/postgres/postgres-event-store.js';
import type { AppendRequest } from '../../src/eventstore/append.js';
import type { NewEvent } from '../../src/eventstore/event-envelope.js';
import { DATABASE_URL, describeWithPostgres, dropSchemas, freshSchema } from '../support/postgres.js';

const deposit = (): NewEvent => ({ id: randomUUID(), eventType: 'MoneyDeposited', data: { amount: 1 }, schemaVersion: 1, timestamp: 1 });

/** The append-path statements the store sends to PostgreSQL while `work` runs, in order. */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
  const spy = jest.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? '');
    if (/append_events|snapshot|store_counters|idempotency_records|projection_checkpoints|trip_rows|^(BEGIN|COMMIT|ROLLBACK)/.test(text)) {
      sent.push(text.split('(')[0].replace(/\s+/g, ' ').trim());
    }
    return query.apply(this, args);
  } as never);
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return sent;
}

/**
 * Round trips to PostgreSQL on the write paths. An append costs one unless it carries an idempotency
 * record: with a snapshot, the events and the snapshot go in one statement (`append_events_with_snapshot`).
 * A projection batch opens its transaction and sets its commit mode in one statement.
 */
await describeWithPostgres('PostgreSQL round trips', () => {
  const schema = freshSchema();
  let store: PostgresEventStore;

  beforeAll(async () => {
    store = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, poolSize: 2 });
  });
  afterAll(async () => {
    await store.close();
    await dropSchemas([schema]);
  });

  const append = (streamId: string, extra: Partial<AppendRequest> = {}) =>
    store.append({ streamId, streamType: 'BankAccount', expectedVersion: 0, events: [deposit(), deposit()], ...extra });
  const snapshotOf = (aggregateId: string) => ({
    aggregateId,
    aggregateType: 'BankAccount',
    version: 2,
    state: { balance: 2 },
    timestamp: 1,
    schemaVersion: 1,
  });

  it('given a plain append, then one statement', async () => {
    expect(await statementsOf(() => append('trip-plain'))).toEqual(['SELECT append_events']);
  });

  it('given an append with a snapshot, then one statement, and the events, the snapshot and its count are stored', async () => {
    const countBefore = await store.countSnapshots();
    expect(await statementsOf(() => append('trip-snap', { snapshot: snapshotOf('trip-snap') }))).toEqual([
      'SELECT append_events_with_snapshot',
    ]);
    expect((await store.readStream('trip-snap')).map((event) => event.metadata.version)).toEqual([1, 2]);
    expect(await store.loadSnapshot('trip-snap')).toStrictEqual(snapshotOf('trip-snap'));
    expect(await store.countSnapshots()).toBe(countBefore + 1);
  });

  it('given an append with a snapshot and an idempotency record, then the record joins them in one transaction', async () => {
    const idempotency = { key: `trip-${randomUUID()}`, fingerprint: 'fp', statusCode: 200, createdAt: 1, body: () => ({ ok: true }) };
    expect(await statementsOf(() => append('trip-both', { snapshot: snapshotOf('trip-both'), idempotency }))).toEqual([
      'BEGIN',
      'SELECT append_events_with_snapshot',
      'INSERT INTO idempotency_records',
      'COMMIT',
    ]);
    expect(await store.loadSnapshot('trip-both')).toStrictEqual(snapshotOf('trip-both'));
    expect(await store.findIdempotencyRecord(idempotency.key)).toMatchObject({ fingerprint: 'fp', body: { ok: true } });
  });

  it('given a snapshot saved on its own, then one statement', async () => {
    const snapshot = { ...snapshotOf('trip-alone'), version: 7 };
    expect(await statementsOf(() => store.saveSnapshot(snapshot))).toEqual(['SELECT save_snapshot']);
    expect(await store.loadSnapshot('trip-alone')).toStrictEqual(snapshot);
  });

  it('given a projection batch, then BEGIN and its commit mode go in one statement, then the checkpoint lock, the rows, the checkpoint, COMMIT', async () => {
    await store.queryReadModel('CREATE TABLE trip_rows (id TEXT PRIMARY KEY, n INTEGER NOT NULL)');
    const checkpoint = { name: 'TripRows', position: 2, eventId: null, eventsProcessed: 2, generation: 1 };
    expect(
      await statementsOf(() =>
        store.commitProjection({ checkpoint, expectedPosition: 0, statements: [{ sql: 'INSERT INTO trip_rows (id, n) VALUES (?, ?)', params: ['a', 1] }] }),
      ),
    ).toEqual([
      'BEGIN; SET LOCAL synchronous_commit TO off',
      'INSERT INTO projection_checkpoints',
      'INSERT INTO trip_rows',
      'UPDATE projection_checkpoints SET position = $2, event_id = $3, events_processed = $4, generation = $5 WHERE name = $1',
      'COMMIT',
    ]);
    expect(await store.loadCheckpoint('TripRows')).toMatchObject({ position: 2, eventsProcessed: 2, generation: 1 });
    expect(await store.queryReadModel('SELECT id, n FROM trip_rows')).toEqual([{ id: 'a', n: 1 }]);
  });
});
