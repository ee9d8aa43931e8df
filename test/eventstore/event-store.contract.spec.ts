import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryEventStore } from '../../src/eventstore/adapters/in-memory/in-memory-event-store.js';
import { SqliteEventStore } from '../../src/eventstore/adapters/sqlite/sqlite-event-store.js';
import { describeEventStoreContract } from './event-store.contract.js';

describeEventStoreContract('in-memory', { create: async () => new InMemoryEventStore() });

/** Each SQLite store gets its own file in one temp folder, removed when the file's tests are done. */
const sqliteDir = mkdtempSync(join(tmpdir(), 'event-store-contract-'));
let sqliteFiles = 0;
afterAll(() => rmSync(sqliteDir, { recursive: true, force: true }));

describeEventStoreContract('sqlite', {
  create: async () => new SqliteEventStore({ path: join(sqliteDir, `store-${++sqliteFiles}.sqlite`) }),
});
