import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database, { type Database as SqliteDatabase } from 'better-sqlite3';
import { InMemoryEventStore, type InMemoryTables } from '../../src/eventstore/adapters/in-memory/in-memory-event-store.js';
import { SqliteEventStore } from '../../src/eventstore/adapters/sqlite/sqlite-event-store.js';
import type { EventStore } from '../../src/eventstore/event-store.port.js';
import type { ProjectionTransaction } from '../../src/eventstore/projection-checkpoint.js';
import { describeEventStoreContract } from './event-store.contract.js';

/** The read-model table every harness writes the contract's rows to. */
const TABLE = 'contract_rows';

function handleOf<T>(tx: ProjectionTransaction, dialect: ProjectionTransaction['dialect']): T {
  if (tx.dialect !== dialect) throw new Error(`expected a ${dialect} projection transaction, got ${tx.dialect}`);
  return tx.handle as T;
}

describeEventStoreContract('in-memory', {
  create: async () => new InMemoryEventStore(),
  writeReadModelRow(tx, key, value) {
    const tables = handleOf<InMemoryTables>(tx, 'memory');
    const table = tables.get(TABLE) ?? new Map<string, unknown>();
    table.set(key, value);
    tables.set(TABLE, table);
  },
  async readReadModelRow(store, key) {
    if (!(store instanceof InMemoryEventStore)) throw new Error('not an in-memory store');
    return store.readModelTables().get(TABLE)?.get(key) as string | undefined;
  },
});

/** Each SQLite store gets its own file in one temp folder, removed when the file's tests are done. */
const sqliteDir = mkdtempSync(join(tmpdir(), 'event-store-contract-'));
const sqlitePaths = new WeakMap<EventStore, string>();
let sqliteFiles = 0;

afterAll(() => {
  rmSync(sqliteDir, { recursive: true, force: true });
});

describeEventStoreContract('sqlite', {
  async create() {
    const path = join(sqliteDir, `store-${++sqliteFiles}.sqlite`);
    const store = new SqliteEventStore({ path });
    sqlitePaths.set(store, path);
    return store;
  },
  writeReadModelRow(tx, key, value) {
    const db = handleOf<SqliteDatabase>(tx, 'sqlite');
    db.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (key TEXT PRIMARY KEY, value TEXT)`);
    db.prepare(`INSERT OR REPLACE INTO ${TABLE} (key, value) VALUES (?, ?)`).run(key, value);
  },
  async readReadModelRow(store, key) {
    const path = sqlitePaths.get(store);
    if (!path) throw new Error('not a store made by this harness');
    // A second connection sees only what the store committed.
    const reader = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const table = reader.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(TABLE);
      if (!table) return undefined;
      const row = reader.prepare<[string], { value: string }>(`SELECT value FROM ${TABLE} WHERE key = ?`).get(key);
      return row?.value;
    } finally {
      reader.close();
    }
  },
});
