import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryEventStore } from '../../src/eventstore/adapters/in-memory/in-memory-event-store.js';
import { PostgresEventStore } from '../../src/eventstore/adapters/postgres/postgres-event-store.js';
import { SqliteEventStore } from '../../src/eventstore/adapters/sqlite/sqlite-event-store.js';
import type { EventStoreContractHarness } from '../eventstore/event-store.contract.js';
import { DATABASE_URL, dropSchemas, freshSchema } from './postgres.js';

/** Fresh in-memory stores. */
export const inMemoryHarness: EventStoreContractHarness = { create: async () => new InMemoryEventStore() };

/** Fresh SQLite stores, each in its own file of one temp folder that is removed after the test file. */
export function sqliteHarness(prefix: string): EventStoreContractHarness {
  const folder = mkdtempSync(join(tmpdir(), `${prefix}-`));
  let files = 0;
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return { create: async () => new SqliteEventStore({ path: join(folder, `store-${++files}.sqlite`) }) };
}

/** Fresh PostgreSQL stores, each in its own schema, dropped after the test file (call inside describeWithPostgres). */
export function postgresHarness(): EventStoreContractHarness {
  const schemas: string[] = [];
  afterAll(() => dropSchemas(schemas));
  return {
    create: async () => {
      const schema = freshSchema();
      schemas.push(schema);
      return PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, poolSize: 4 });
    },
  };
}
