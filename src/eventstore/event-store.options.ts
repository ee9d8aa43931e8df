import { ConfigurableModuleBuilder } from '@nestjs/common';

/** Options of {@link EventStoreModule}. */
export interface EventStoreModuleOptions {
  /** Which adapter backs the store. `memory` is for tests only. */
  driver: 'sqlite' | 'postgres' | 'memory';
  /** SQLite database file (driver `sqlite`); its folder is created on start. */
  sqlitePath?: string;
  /** SQLite durability of appends: `full` (default, survives power loss) or `normal` (survives a killed process). */
  sqliteSynchronous?: 'full' | 'normal';
  /**
   * How long a SQLite append waits for the disk (a WAL flush, or a checkpoint that holds commits) before
   * it is refused and the store reports itself unavailable (default 10,000 ms).
   */
  sqliteDiskTimeoutMs?: number;
  /** PostgreSQL connection string (driver `postgres`). */
  databaseUrl?: string;
  /** PostgreSQL schema of the store's tables (default `public`). */
  postgresSchema?: string;
  /** PostgreSQL pool size (default 10). */
  postgresPoolSize?: number;
  /** How long to wait to open a PostgreSQL connection or for a free one of the pool (default 5000 ms). */
  postgresConnectTimeoutMs?: number;
  /** PostgreSQL cancels a statement of the store that runs longer (default 30,000 ms). */
  postgresStatementTimeoutMs?: number;
}

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } = new ConfigurableModuleBuilder<EventStoreModuleOptions>().setClassMethodName('forRoot').build();

/** Base of {@link EventStoreModule}: its `forRoot` and `forRootAsync`. */
export const ConfigurableEventStoreModule = ConfigurableModuleClass;

/** Injection token of the {@link EventStoreModuleOptions} given to `EventStoreModule.forRoot` / `forRootAsync`. */
export const EVENT_STORE_OPTIONS = MODULE_OPTIONS_TOKEN;
