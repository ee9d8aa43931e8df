/** Injection token of the validated {@link AppConfig} (provided globally by `AppConfigModule`). */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** pino's levels; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The service's configuration, read from the environment once at start through `@nestjs/config` and
 * validated there (see `environment.ts` and the README's configuration table).
 */
export interface AppConfig {
  /** HTTP port. */
  port: number;
  /** Event store adapter. */
  eventStore: 'sqlite' | 'postgres' | 'memory';
  /** SQLite database file. */
  sqlitePath: string;
  /** SQLite durability of appends: `full` survives power loss, `normal` a killed process. */
  sqliteSynchronous: 'full' | 'normal';
  /** How long a SQLite append waits for the disk before the store reports itself unavailable. */
  sqliteDiskTimeoutMs: number;
  /** PostgreSQL connection string (EVENT_STORE=postgres). */
  databaseUrl: string;
  /** PostgreSQL schema of the store's tables. */
  postgresSchema: string;
  /** PostgreSQL connection pool size. */
  postgresPoolSize: number;
  /** How long to wait to open a PostgreSQL connection or for a free one of the pool. */
  postgresConnectTimeoutMs: number;
  /** PostgreSQL cancels a statement of the store that runs longer. */
  postgresStatementTimeoutMs: number;
  /** Snapshot every N events of an account. */
  snapshotEvery: number;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** When set, every route but `/health` needs `Authorization: Bearer <apiToken>`. */
  apiToken?: string;
  /** When set, admin routes (`@AdminOnly()`) need `Authorization: Bearer <adminToken>`. */
  adminToken?: string;
  /** Lowest level written to the JSON log. */
  logLevel: LogLevel;
  /** How long a shutdown waits for requests in flight before it closes their connections. */
  shutdownTimeoutMs: number;
  /** When set, every committed event is relayed to RabbitMQ at this URL. */
  rabbitmqUrl?: string;
  /** The topic exchange events are published to. */
  eventsExchange: string;
  /** How long the relay gathers events after a partial batch before it publishes. */
  relayCoalesceMs: number;
  /** When set, AccountBalances is also kept in Redis at this URL. */
  redisUrl?: string;
  /** Prefix of every Redis key the service writes. */
  redisKeyPrefix: string;
  /** Where `GET /projections/AccountBalances` reads by default (`?source=` chooses per request). */
  accountBalancesSource: 'sql' | 'redis';
}
