import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryEventStore } from '../../src/eventstore/adapters/in-memory/in-memory-event-store.js';
import { SqliteEventStore } from '../../src/eventstore/adapters/sqlite/sqlite-event-store.js';
import { describeEventSourcedRepositoryContract } from './event-sourced-repository.contract.js';

describeEventSourcedRepositoryContract('in-memory', { create: async () => new InMemoryEventStore() });

const sqliteDir = mkdtempSync(join(tmpdir(), 'repository-contract-'));
let sqliteFiles = 0;
afterAll(() => rmSync(sqliteDir, { recursive: true, force: true }));

describeEventSourcedRepositoryContract('sqlite', {
  create: async () => new SqliteEventStore({ path: join(sqliteDir, `store-${++sqliteFiles}.sqlite`) }),
});
