import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventstore/adapters/sqlite/sqlite-event-store.js';
import type { AppendRequest } from '../../src/eventstore/append.js';
import { EventStoreUnavailableError } from '../../src/eventstore/event-store.errors.js';

/**
 * With `synchronous: 'full'`, an append commits without waiting for the disk and is acknowledged only
 * after a flush of the write-ahead log that began after its commit. The flush is held by the test here.
 */
const dir = mkdtempSync(join(tmpdir(), 'sqlite-durable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function heldFlush() {
  const started: Array<{ finish: () => void; fail: (error: Error) => void }> = [];
  const flushWal = () => () => new Promise<void>((resolve, reject) => started.push({ finish: resolve, fail: reject }));
  return { started, flushWal };
}

function deposit(streamId: string, expectedVersion = 0): AppendRequest {
  return {
    streamId,
    streamType: 'BankAccount',
    expectedVersion,
    events: [{ id: randomUUID(), eventType: 'MoneyDeposited', data: { amount: 100 }, schemaVersion: 1, timestamp: 1 }],
  };
}

async function untilSettledOrTurns<T>(promise: Promise<T>, turns = 20): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let turn = 0; turn < turns && !done; turn++) await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('SQLite durable appends', () => {
  let path: string;
  let store: SqliteEventStore;
  let flush: ReturnType<typeof heldFlush>;

  beforeEach(() => {
    path = join(dir, `${randomUUID()}.sqlite`);
    flush = heldFlush();
    // Checkpoints are SQLite's own here: a checkpoint off the event loop would hold commits too (see sqlite-wal-checkpoints.spec.ts).
    store = new SqliteEventStore({ path, flushWal: flush.flushWal, checkpointer: null });
  });

  /** The streams of the committed events, as another connection sees them. */
  function committedStreams(): string[] {
    const reader = new Database(path, { readonly: true });
    try {
      return reader.prepare<[], { stream_id: string }>('SELECT stream_id FROM events ORDER BY position').all().map((row) => row.stream_id);
    } finally {
      reader.close();
    }
  }

  afterEach(async () => {
    for (const held of flush.started) held.finish();
    await store.close();
  });

  it('commits at once but resolves an append only after the WAL flush that follows its commit', async () => {
    const append = store.append(deposit('acc-1'));
    expect(await untilSettledOrTurns(append)).toBe(false);
    // Committed: another connection sees the event while the flush is still running.
    const reader = new Database(path, { readonly: true });
    expect(reader.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 });
    reader.close();
    expect(flush.started).toHaveLength(1);
    flush.started[0].finish();
    await expect(append).resolves.toMatchObject({ version: 1, position: 1 });
  });

  it('commits the appends requested during a flush together once it ends, and lets them share the next flush', async () => {
    const first = store.append(deposit('acc-0'));
    await untilSettledOrTurns(first, 3);
    expect(flush.started).toHaveLength(1);
    const later = Array.from({ length: 10 }, (_, index) => store.append(deposit(`acc-${index + 1}`)));
    await untilSettledOrTurns(Promise.all(later), 5);
    // Committing them now would not answer them sooner: they wait for the running flush to end.
    expect(committedStreams()).toEqual(['acc-0']);
    flush.started[0].finish();
    await first;
    expect(await untilSettledOrTurns(Promise.all(later))).toBe(false);
    expect(committedStreams()).toHaveLength(11);
    expect(flush.started).toHaveLength(2);
    flush.started[1].finish();
    const results = await Promise.all(later);
    expect(results.map((result) => result.version)).toEqual(Array(10).fill(1));
    expect(flush.started).toHaveLength(2);
  });

  it('refuses a wrong expected version without waiting for any flush', async () => {
    await Promise.all([store.append(deposit('acc-1')), flushWhenStarted(flush, 0)]);
    await expect(store.append(deposit('acc-1', 0))).rejects.toMatchObject({ currentVersion: 1 });
    expect(flush.started).toHaveLength(1);
  });

  it('reports the store unavailable when the flush fails, and then takes no more writes', async () => {
    const append = store.append(deposit('acc-1'));
    await untilSettledOrTurns(append, 3);
    flush.started[0].fail(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    await expect(append).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.append(deposit('acc-2'))).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    // Nothing was written after the failure, and no flush was tried again.
    const reader = new Database(path, { readonly: true });
    expect(reader.prepare('SELECT stream_id FROM events').all()).toEqual([{ stream_id: 'acc-1' }]);
    reader.close();
    expect(flush.started).toHaveLength(1);
  });

  it('replays an idempotency record only once it is on disk', async () => {
    const appended = store.append({
      ...deposit('acc-1'),
      idempotency: { key: 'k-1', fingerprint: 'fp', statusCode: 200, body: () => ({ ok: true }), createdAt: 1 },
    });
    await untilSettledOrTurns(appended, 3);
    const found = store.findIdempotencyRecord('k-1');
    expect(await untilSettledOrTurns(found)).toBe(false);
    flush.started[0].finish();
    await appended;
    await flushWhenStarted(flush, 1);
    await expect(found).resolves.toMatchObject({ key: 'k-1', body: { ok: true } });
  });
});

/** Finishes the n-th flush once it has started. */
async function flushWhenStarted(flush: ReturnType<typeof heldFlush>, index: number): Promise<void> {
  while (flush.started.length <= index) await new Promise((resolve) => setImmediate(resolve));
  flush.started[index].finish();
}
