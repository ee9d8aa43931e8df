import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type SqliteEventStoreOptions } from '../../src/eventstore/adapters/sqlite/sqlite-event-store.js';
import type { AppendRequest } from '../../src/eventstore/append.js';
import { EventStoreUnavailableError } from '../../src/eventstore/event-store.errors.js';
import type { CheckpointResult, WalCheckpointer } from '../../src/eventstore/adapters/sqlite/wal-checkpointer.js';
import { waitUntil } from '../support/wait-until.js';

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

/** The streams of the committed events in the database at `path`, as another connection sees them. */
function committedStreamsOf(path: string): string[] {
  const reader = new Database(path, { readonly: true });
  try {
    return reader.prepare<[], { stream_id: string }>('SELECT stream_id FROM events ORDER BY position').all().map((row) => row.stream_id);
  } finally {
    reader.close();
  }
}

/**
 * A store on a fresh file whose WAL flushes the test finishes by hand (`t.flush.started`), made before
 * each test and closed after it. Checkpoints are SQLite's own here: a checkpoint off the event loop would
 * hold commits too (see sqlite-wal-checkpoints.spec.ts).
 */
function storeWithHeldFlush(options: Partial<SqliteEventStoreOptions> = {}) {
  const t = { path: '', store: undefined as unknown as SqliteEventStore, flush: heldFlush() };
  beforeEach(() => {
    t.path = join(dir, `${randomUUID()}.sqlite`);
    t.flush = heldFlush();
    t.store = new SqliteEventStore({ path: t.path, flushWal: t.flush.flushWal, checkpointer: null, ...options });
  });
  afterEach(async () => {
    for (const held of t.flush.started) held.finish();
    await t.store.close();
  });
  return t;
}

describe('SQLite durable appends', () => {
  const t = storeWithHeldFlush();

  it('commits at once but resolves an append only after the WAL flush that follows its commit', async () => {
    const append = t.store.append(deposit('acc-1'));
    expect(await untilSettledOrTurns(append)).toBe(false);
    // Committed: another connection sees the event while the flush is still running.
    const reader = new Database(t.path, { readonly: true });
    expect(reader.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 });
    reader.close();
    expect(t.flush.started).toHaveLength(1);
    t.flush.started[0].finish();
    await expect(append).resolves.toMatchObject({ version: 1, position: 1 });
  });

  it('commits the appends requested during a flush together once it ends, and lets them share the next flush', async () => {
    const first = t.store.append(deposit('acc-0'));
    await untilSettledOrTurns(first, 3);
    expect(t.flush.started).toHaveLength(1);
    const later = Array.from({ length: 10 }, (_, index) => t.store.append(deposit(`acc-${index + 1}`)));
    await untilSettledOrTurns(Promise.all(later), 5);
    // Committing them now would not answer them sooner: they wait for the running flush to end.
    expect(committedStreamsOf(t.path)).toEqual(['acc-0']);
    t.flush.started[0].finish();
    await first;
    expect(await untilSettledOrTurns(Promise.all(later))).toBe(false);
    expect(committedStreamsOf(t.path)).toHaveLength(11);
    expect(t.flush.started).toHaveLength(2);
    t.flush.started[1].finish();
    const results = await Promise.all(later);
    expect(results.map((result) => result.version)).toEqual(Array(10).fill(1));
    expect(t.flush.started).toHaveLength(2);
  });

  it('commits the appends of appendInOrder in one transaction, acknowledged by one flush', async () => {
    const requests = Array.from({ length: 50 }, (_, index) => deposit(`acc-${index % 10}`, Math.floor(index / 10)));
    const appended = t.store.appendInOrder(requests);
    await untilSettledOrTurns(appended, 3);
    expect(committedStreamsOf(t.path)).toHaveLength(50);
    expect(t.flush.started).toHaveLength(1);
    t.flush.started[0].finish();
    const outcomes = await appended;
    expect(outcomes.every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    expect(t.flush.started).toHaveLength(1);
  });

  it('refuses a wrong expected version without waiting for any flush', async () => {
    await Promise.all([t.store.append(deposit('acc-1')), flushWhenStarted(t.flush, 0)]);
    await expect(t.store.append(deposit('acc-1', 0))).rejects.toMatchObject({ currentVersion: 1 });
    expect(t.flush.started).toHaveLength(1);
  });

  it('reports the store unavailable when the flush fails, and then takes no more writes', async () => {
    const append = t.store.append(deposit('acc-1'));
    await untilSettledOrTurns(append, 3);
    t.flush.started[0].fail(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    await expect(append).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(t.store.append(deposit('acc-2'))).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(t.store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    // Nothing was written after the failure, and no flush was tried again.
    const reader = new Database(t.path, { readonly: true });
    expect(reader.prepare('SELECT stream_id FROM events').all()).toEqual([{ stream_id: 'acc-1' }]);
    reader.close();
    expect(t.flush.started).toHaveLength(1);
  });

  it('shows no reader an append before it is on disk', async () => {
    const append = t.store.append(deposit('acc-1'));
    await untilSettledOrTurns(append, 3);
    expect(t.flush.started).toHaveLength(1);
    const reads = [
      t.store.readAll({ limit: 10 }),
      t.store.readStream('acc-1'),
      t.store.streamInfo('acc-1'),
      t.store.headPosition(),
      t.store.streamVersionAt('acc-1', Number.MAX_SAFE_INTEGER),
      t.store.loadSnapshot('acc-1'),
      t.store.countSnapshots(),
    ] as const;
    expect(await untilSettledOrTurns(Promise.race(reads))).toBe(false);
    t.flush.started[0].finish();
    const [all, stream, info, head, versionAt] = await Promise.all(reads);
    expect(all.map((event) => event.aggregateId)).toEqual(['acc-1']);
    expect(stream).toHaveLength(1);
    expect(info).toMatchObject({ streamId: 'acc-1', version: 1 });
    expect(head).toBe(1);
    expect(versionAt).toBe(1);
    await expect(append).resolves.toMatchObject({ version: 1 });
  });

  it('answers reads at once, starting no flush, once everything committed is on disk', async () => {
    await Promise.all([t.store.append(deposit('acc-1')), flushWhenStarted(t.flush, 0)]);
    const reads = Promise.all([t.store.readAll({ limit: 10 }), t.store.findIdempotencyRecord('unknown')]);
    expect(await untilSettledOrTurns(reads, 1)).toBe(true);
    await expect(reads).resolves.toEqual([[expect.objectContaining({ aggregateId: 'acc-1' })], null]);
    expect(t.flush.started).toHaveLength(1);
  });

  it('shows the record of a refusal to no one before it is on disk', async () => {
    const record = { key: 'k-2', fingerprint: 'fp', statusCode: 422, body: { code: 'INSUFFICIENT_FUNDS' }, createdAt: 1 };
    const saved = t.store.saveIdempotencyRecord(record);
    const found = t.store.findIdempotencyRecord('k-2');
    expect(await untilSettledOrTurns(Promise.race([saved, found]))).toBe(false);
    t.flush.started[0].finish();
    await saved;
    await expect(found).resolves.toMatchObject({ key: 'k-2', statusCode: 422 });
  });

  it('replays an idempotency record only once it is on disk', async () => {
    const appended = t.store.append({
      ...deposit('acc-1'),
      idempotency: { key: 'k-1', fingerprint: 'fp', statusCode: 200, body: () => ({ ok: true }), createdAt: 1 },
    });
    await untilSettledOrTurns(appended, 3);
    const found = t.store.findIdempotencyRecord('k-1');
    expect(await untilSettledOrTurns(found)).toBe(false);
    t.flush.started[0].finish();
    await appended;
    await expect(found).resolves.toMatchObject({ key: 'k-1', body: { ok: true } });
    // The flush that acknowledged the append also let the record be replayed: no second one.
    expect(t.flush.started).toHaveLength(1);
  });
});

describe('SQLite appends when the disk stops answering', () => {
  const DISK_TIMEOUT_MS = 50;
  const t = storeWithHeldFlush({ diskTimeoutMs: DISK_TIMEOUT_MS });

  it('refuses an append whose flush does not end within the disk timeout: written, but not acknowledged', async () => {
    const append = t.store.append(deposit('acc-1'));
    await expect(append).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(append).rejects.toThrow(/did not answer within 50 ms; what was written is not known to be on disk/);
    expect(committedStreamsOf(t.path)).toEqual(['acc-1']);
  });

  it('refuses the appends waiting to commit behind a flush that does not end, storing none of them', async () => {
    const first = t.store.append(deposit('acc-0'));
    await untilSettledOrTurns(first, 3);
    expect(t.flush.started).toHaveLength(1);
    const waiting = Array.from({ length: 3 }, (_, index) => t.store.append(deposit(`acc-${index + 1}`)));
    for (const append of waiting) await expect(append).rejects.toThrow(/did not answer within 50 ms; none of them was stored/);
    await expect(first).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(committedStreamsOf(t.path)).toEqual(['acc-0']);
  });

  it('while a flush has lasted longer than the timeout, refuses appends at once and fails ping; once it ends, takes writes again', async () => {
    await expect(t.store.append(deposit('acc-1'))).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await waitUntil(() => t.store.ping().then(() => false, () => true), 5000, 'ping to fail');
    const refused = t.store.append(deposit('acc-2'));
    // At once: long before another disk timeout could pass.
    expect(await untilSettledOrTurns(refused, 3)).toBe(true);
    await expect(refused).rejects.toThrow(/has not finished a write for \d+ ms/);
    await expect(t.store.ping()).rejects.toThrow(/has not finished a write/);
    expect(committedStreamsOf(t.path)).toEqual(['acc-1']);

    t.flush.started[0].finish();
    await waitUntil(() => t.store.ping().then(() => true, () => false), 5000, 'ping to answer after the flush ended');
    const append = t.store.append(deposit('acc-3'));
    await flushWhenStarted(t.flush, 1);
    await expect(append).resolves.toMatchObject({ version: 1 });
    expect(committedStreamsOf(t.path)).toEqual(['acc-1', 'acc-3']);
  });

  it('refuses the reads that wait for a flush that does not end, and reads again once it ends', async () => {
    const append = t.store.append(deposit('acc-1'));
    await untilSettledOrTurns(append, 3);
    await expect(t.store.readStream('acc-1')).rejects.toThrow(/did not answer within 50 ms; the read waited for writes not yet on disk/);
    await expect(append).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await waitUntil(() => t.store.ping().then(() => false, () => true), 5000, 'ping to fail');
    // The flush has now lasted longer than the timeout: reads are refused at once.
    await expect(t.store.headPosition()).rejects.toThrow(/has not finished a write/);
    t.flush.started[0].finish();
    await waitUntil(() => t.store.ping().then(() => true, () => false), 5000, 'ping to answer after the flush ended');
    await expect(t.store.readStream('acc-1')).resolves.toHaveLength(1);
  });

  it('closes without waiting longer than the disk timeout for a flush that does not end', async () => {
    const append = t.store.append(deposit('acc-1'));
    await untilSettledOrTurns(append, 3);
    await t.store.close();
    await expect(append).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(t.store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    // The flush was never finished by the test: the close did not wait for it.
    expect(t.flush.started).toHaveLength(1);
    expect(committedStreamsOf(t.path)).toEqual(['acc-1']);
  });

  it('refuses the appends waiting for a checkpoint that holds commits and does not end', async () => {
    const { store: checkpointed, checkpoints } = storeWithHeldCheckpoints(DISK_TIMEOUT_MS);
    try {
      await checkpointed.append(deposit('acc-1'));
      // The first checkpoint leaves 5,000 pages of log behind: the next one holds commits.
      checkpoints[0]({ log: 5000, checkpointed: 0 });
      await new Promise((resolve) => setImmediate(resolve));
      await checkpointed.append(deposit('acc-2'));
      expect(checkpoints).toHaveLength(2);
      await expect(checkpointed.append(deposit('acc-3'))).rejects.toThrow(/did not answer within 50 ms; none of them was stored/);
      // Once the checkpoint has lasted longer than the timeout (a moment after the refusal, by the clock).
      await waitUntil(() => checkpointed.ping().then(() => false, () => true), 5000, 'ping to fail');
      await expect(checkpointed.ping()).rejects.toThrow(/has not finished a write/);
      await expect(checkpointed.append(deposit('acc-3'))).rejects.toThrow(/has not finished a write/);
      expect(await checkpointed.streamInfo('acc-3')).toBeNull();
      checkpoints[1]({ log: 5000, checkpointed: 5000 });
      await waitUntil(() => checkpointed.ping().then(() => true, () => false), 5000, 'ping to answer after the checkpoint ended');
      await expect(checkpointed.append(deposit('acc-3'))).resolves.toMatchObject({ version: 1 });
    } finally {
      for (const resolve of checkpoints) resolve({ log: 0, checkpointed: 0 });
      await checkpointed.close();
    }
  });

  it('reports a checkpoint that holds no commits and does not end as unhealthy, and still takes appends', async () => {
    const { store, checkpoints } = storeWithHeldCheckpoints(DISK_TIMEOUT_MS);
    try {
      await store.append(deposit('acc-1'));
      // The log is small: this checkpoint holds no commits, and no other starts while it runs.
      expect(checkpoints).toHaveLength(1);
      await waitUntil(() => store.ping().then(() => false, () => true), 5000, 'ping to fail');
      await expect(store.ping()).rejects.toThrow(/a WAL checkpoint has not finished for \d+ ms; the write-ahead log grows/);
      await expect(store.append(deposit('acc-2'))).resolves.toMatchObject({ version: 1 });
      expect(checkpoints).toHaveLength(1);
      checkpoints[0]({ log: 2, checkpointed: 2 });
      await waitUntil(() => store.ping().then(() => true, () => false), 5000, 'ping to answer after the checkpoint ended');
    } finally {
      for (const resolve of checkpoints) resolve({ log: 0, checkpointed: 0 });
      await store.close();
    }
  });
});

/**
 * A store (appends acknowledged without a flush) whose checkpoints start at every commit and end only
 * when the test resolves them: `checkpoints[n]` ends the n-th.
 */
function storeWithHeldCheckpoints(diskTimeoutMs: number): { store: SqliteEventStore; checkpoints: Array<(result: CheckpointResult) => void> } {
  const checkpoints: Array<(result: CheckpointResult) => void> = [];
  const heldCheckpointer = (): WalCheckpointer => ({
    checkpoint: () => new Promise<CheckpointResult>((resolve) => checkpoints.push(resolve)),
    close: () => Promise.resolve(),
  });
  const store = new SqliteEventStore({
    path: join(dir, `${randomUUID()}.sqlite`),
    synchronous: 'normal',
    checkpointer: heldCheckpointer,
    checkpointIntervalMs: 0,
    diskTimeoutMs,
  });
  return { store, checkpoints };
}

/** Finishes the n-th flush once it has started. */
async function flushWhenStarted(flush: ReturnType<typeof heldFlush>, index: number): Promise<void> {
  while (flush.started.length <= index) await new Promise((resolve) => setImmediate(resolve));
  flush.started[index].finish();
}
