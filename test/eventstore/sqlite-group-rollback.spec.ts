import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { SqliteEventStore } from '../../src/eventstore/adapters/sqlite/sqlite-event-store.js';
import type { AppendRequest } from '../../src/eventstore/append.js';
import { EventStoreUnavailableError } from '../../src/eventstore/event-store.errors.js';

/**
 * Appends made in one turn of the event loop share one transaction, each in a savepoint. Some failures
 * (a full disk while SQLite spills its page cache, certain I/O errors) roll back the whole transaction,
 * not just the failing append's savepoint. The appends after it must then not run on in autocommit:
 * the group is refused as a whole, and nothing of it is stored.
 */
const dir = mkdtempSync(join(tmpdir(), 'sqlite-group-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function append(streamId: string, events: number, size = 10): AppendRequest {
  return {
    streamId,
    streamType: 'BankAccount',
    expectedVersion: 0,
    events: Array.from({ length: events }, () => ({
      id: randomUUID(),
      eventType: 'MoneyDeposited',
      data: { amount: 100, note: 'x'.repeat(size) },
      schemaVersion: 1,
      timestamp: 1,
    })),
  };
}

describe('SQLite group commit when SQLite rolls back the whole transaction', () => {
  let store: SqliteEventStore;
  let db: Database.Database;

  beforeEach(async () => {
    store = new SqliteEventStore({ path: join(dir, `${randomUUID()}.sqlite`), synchronous: 'normal' });
    await store.append(append('acc-before', 1));
    db = store['db'];
    // A tiny page cache and a database that may grow by only a few pages: the large append below
    // must spill its cache, the spill fails with SQLITE_FULL, and SQLite rolls back the transaction.
    db.pragma('cache_size = 5');
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true })) + 20}`);
  });

  afterEach(() => store.close());

  it('refuses every append of the group as unavailable and stores none of them', async () => {
    const outcomes = await Promise.allSettled([
      store.append(append('acc-first', 1)),
      store.append(append('acc-large', 200, 2000)),
      store.append(append('acc-after', 1)),
    ]);

    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(EventStoreUnavailableError);
    }
    db.pragma('max_page_count = 1073741823');
    expect((await store.readAll({ after: 0, limit: 100 })).map((event) => event.aggregateId)).toEqual(['acc-before']);
    expect(await store.readStream('acc-after')).toEqual([]);
    expect(await store.readStream('acc-first')).toEqual([]);
  });

  it('takes appends again once the disk has room', async () => {
    await Promise.allSettled([store.append(append('acc-large', 200, 2000)), store.append(append('acc-after', 1))]);
    db.pragma('max_page_count = 1073741823');

    const result = await store.append(append('acc-after', 1));
    expect(result.version).toBe(1);
    expect((await store.readStream('acc-after')).map((event) => event.metadata.version)).toEqual([1]);
  });
});
