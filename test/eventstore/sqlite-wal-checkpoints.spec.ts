import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWalCheckpointer, type CheckpointResult, type WalCheckpointer } from '../../src/eventstore/adapters/sqlite/wal-checkpointer.js';
import { SqliteEventStore, type SqliteEventStoreOptions } from '../../src/eventstore/adapters/sqlite/sqlite-event-store.js';
import type { AppendRequest } from '../../src/eventstore/append.js';

/**
 * The write-ahead log is copied into the database file by a checkpointer on a worker thread, not by
 * the commits on the event loop. Once the log has grown past 4,096 pages, commits wait for the next
 * checkpoint, so that it copies the whole log and the log starts over.
 */
const dir = mkdtempSync(join(tmpdir(), 'sqlite-checkpoints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

const MB = 1024 * 1024;

function deposit(streamId: string, expectedVersion: number): AppendRequest {
  return {
    streamId,
    streamType: 'BankAccount',
    expectedVersion,
    events: [{ id: randomUUID(), eventType: 'MoneyDeposited', data: { amount: 100, note: 'x'.repeat(200) }, schemaVersion: 1, timestamp: 1 }],
  };
}

/** `rounds` rounds of one append to each of `streams` streams, the appends of a round at once. */
async function appendRounds(store: SqliteEventStore, rounds: number, streams = 10): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    await Promise.all(Array.from({ length: streams }, (_, index) => store.append(deposit(`acc-${index}`, round))));
  }
}

function openStore(path: string, options: Partial<SqliteEventStoreOptions>): SqliteEventStore {
  return new SqliteEventStore({ path, synchronous: 'normal', ...options });
}

function eventCount(path: string): number {
  const reader = new Database(path, { readonly: true });
  try {
    return reader.prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get()!.n;
  } finally {
    reader.close();
  }
}

describe('SQLite WAL checkpoints', () => {
  it('copies the log on a worker thread and keeps it bounded while appends go on', async () => {
    const path = join(dir, `${randomUUID()}.sqlite`);
    const results: CheckpointResult[] = [];
    const counting = (databasePath: string): WalCheckpointer => {
      const real = startWalCheckpointer(databasePath);
      return { checkpoint: () => real.checkpoint().then((result) => (results.push(result), result)), close: () => real.close() };
    };
    const store = openStore(path, { checkpointer: counting, checkpointIntervalMs: 0 });
    try {
      await appendRounds(store, 1800);
      // About 160 MB of log were written, commits never pausing: the log started over each time it had
      // grown past 4,096 pages (16 MB, plus what the commits of one checkpoint's time add).
      expect(statSync(`${path}-wal`).size).toBeLessThan(48 * MB);
      expect(results.length).toBeGreaterThan(10);
      expect(results.some((result) => result.log > 0 && result.checkpointed === result.log)).toBe(true);
    } finally {
      await store.close();
    }
    expect(eventCount(path)).toBe(18000);
  });

  it('holds commits for a checkpoint only once the log has grown past 4,096 pages', async () => {
    const path = join(dir, `${randomUUID()}.sqlite`);
    const held: Array<(result: CheckpointResult) => void> = [];
    const holding = (): WalCheckpointer => ({
      checkpoint: () => new Promise<CheckpointResult>((resolve) => held.push(resolve)),
      close: async () => undefined,
    });
    const turns = async () => {
      for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
    };
    const store = openStore(path, { checkpointer: holding, checkpointIntervalMs: 0 });
    try {
      await store.append(deposit('acc-1', 0));
      expect(held).toHaveLength(1);
      // A small log: commits go on while a checkpoint runs. This one was overtaken: the log is large.
      await store.append(deposit('acc-1', 1));
      held[0]({ log: 5000, checkpointed: 4000 });
      await store.append(deposit('acc-1', 2));
      expect(held).toHaveLength(2);
      // The checkpoint now running holds commits until it ends.
      const held3 = store.append(deposit('acc-1', 3));
      await turns();
      expect(eventCount(path)).toBe(3);
      held[1]({ log: 5000, checkpointed: 5000 });
      await held3;
      expect(eventCount(path)).toBe(4);
      // It copied the whole log, which starts over: commits go on again while the next one runs.
      expect(held).toHaveLength(3);
      await store.append(deposit('acc-1', 4));
      expect(eventCount(path)).toBe(5);
    } finally {
      for (const release of held) release({ log: 0, checkpointed: 0 });
      await store.close();
    }
  });

  it('goes back to SQLite checkpointing in the commits when the checkpointer fails', async () => {
    const path = join(dir, `${randomUUID()}.sqlite`);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let closed = false;
    const failing = (): WalCheckpointer => ({
      checkpoint: () => Promise.reject(new Error('worker gone')),
      close: async () => {
        closed = true;
      },
    });
    const store = openStore(path, { checkpointer: failing, checkpointIntervalMs: 0 });
    try {
      await appendRounds(store, 300);
      // Without SQLite's own checkpoints again, the log would hold all of the 20 MB and more written.
      expect(statSync(`${path}-wal`).size).toBeLessThan(6 * MB);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('worker gone'));
      expect(closed).toBe(true);
    } finally {
      await store.close();
    }
    expect(eventCount(path)).toBe(3000);
  });

  it('refuses checkpoints once its worker has exited, so the store can fall back', async () => {
    const path = join(dir, `${randomUUID()}.sqlite`);
    const setup = new Database(path);
    setup.pragma('journal_mode = WAL');
    setup.close();
    const checkpointer = startWalCheckpointer(path);
    await expect(checkpointer.checkpoint()).resolves.toEqual({ log: expect.any(Number), checkpointed: expect.any(Number) });
    await checkpointer.close();
    await expect(checkpointer.checkpoint()).rejects.toThrow(/exited/);
  });

  it('keeps a process alive until its store has closed, and then lets it exit', () => {
    const store = fileURLToPath(new URL('../../dist/eventstore/adapters/sqlite/sqlite-event-store.js', import.meta.url));
    const script = `
      const { SqliteEventStore } = await import(${JSON.stringify(store)});
      const store = new SqliteEventStore({ path: ${JSON.stringify(join(dir, `${randomUUID()}.sqlite`))}, checkpointIntervalMs: 0 });
      await store.append({ streamId: 's', streamType: 'T', expectedVersion: 0, events: [{ id: 'e', eventType: 'X', data: {}, schemaVersion: 1, timestamp: 1 }] });
      await store.close();
      console.log('closed');`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect({ status: child.status, stdout: child.stdout.trim() }).toEqual({ status: 0, stdout: 'closed' });
  });
});
