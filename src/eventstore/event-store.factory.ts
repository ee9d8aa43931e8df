import { InMemoryEventStore } from './adapters/in-memory/in-memory-event-store.js';
import { PostgresEventStore } from './adapters/postgres/postgres-event-store.js';
import { SqliteEventStore } from './adapters/sqlite/sqlite-event-store.js';
import type { EventStore } from './event-store.port.js';
import type { EventStoreModuleOptions } from './event-store.options.js';

/** The only place that names adapter classes. */
export async function createEventStore(options: EventStoreModuleOptions): Promise<EventStore> {
  switch (options.driver) {
    case 'memory':
      return new InMemoryEventStore();
    case 'sqlite':
      return new SqliteEventStore({
        path: options.sqlitePath ?? './data/event-store.sqlite',
        synchronous: options.sqliteSynchronous,
        diskTimeoutMs: options.sqliteDiskTimeoutMs,
      });
    case 'postgres':
      if (!options.databaseUrl) throw new Error('The postgres event store needs a database URL');
      return PostgresEventStore.connect({
        connectionString: options.databaseUrl,
        schema: options.postgresSchema,
        poolSize: options.postgresPoolSize,
        connectionTimeoutMillis: options.postgresConnectTimeoutMs,
        statementTimeoutMillis: options.postgresStatementTimeoutMs,
      });
  }
}
