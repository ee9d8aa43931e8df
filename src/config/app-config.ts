/** The service's configuration, read from the environment once at start (see README, Configuration). */
export interface AppConfig {
  /** HTTP port. */
  port: number;
  /** Event store adapter. */
  eventStore: 'sqlite' | 'postgres' | 'memory';
  /** SQLite database file. */
  sqlitePath: string;
  /** PostgreSQL connection string (EVENT_STORE=postgres). */
  databaseUrl: string;
  /** PostgreSQL schema of the store's tables. */
  postgresSchema: string;
  /** PostgreSQL connection pool size. */
  postgresPoolSize: number;
  /** Snapshot every N events of an account. */
  snapshotEvery: number;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
}

/** A configuration value that cannot be used; the message names the variable. */
export class ConfigError extends Error {
  constructor(variable: string, value: string, expected: string) {
    super(`Invalid configuration: ${variable}=${JSON.stringify(value)}; expected ${expected}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Reads and validates the configuration.
 * @throws ConfigError naming the first variable with an unusable value.
 */
export function loadAppConfig(env: Env): AppConfig {
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    eventStore: oneOf(env, 'EVENT_STORE', 'sqlite', ['sqlite', 'postgres', 'memory'] as const),
    sqlitePath: nonEmpty(env, 'SQLITE_PATH', './data/event-store.sqlite'),
    databaseUrl: postgresUrl(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/postgres'),
    postgresSchema: identifier(env, 'PG_SCHEMA', 'public'),
    postgresPoolSize: integer(env, 'PG_POOL_SIZE', 10, 1, 1000),
    snapshotEvery: integer(env, 'SNAPSHOT_EVERY', 10, 1, 1_000_000),
    bodyLimit: bytes(env, 'BODY_LIMIT', 100 * 1024),
  };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new ConfigError(name, raw, `an integer from ${min} to ${max}`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(name, raw, `one of ${allowed.join(', ')}`);
  return raw as T;
}

function nonEmpty(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  return raw === undefined || raw === '' ? fallback : raw;
}

function postgresUrl(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^postgres(ql)?:\/\//.test(raw)) throw new ConfigError(name, raw.replace(/:[^:@/]*@/, ':***@'), 'a postgres:// URL');
  return raw;
}

function identifier(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw)) throw new ConfigError(name, raw, 'a lower-case SQL identifier');
  return raw;
}

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 * 1024 };

function bytes(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(raw.trim());
  const value = match ? Number(match[1]) * UNITS[(match[2] ?? '').toLowerCase()] : Number.NaN;
  if (!match || value < 1 || value > 100 * 1024 * 1024) throw new ConfigError(name, raw, 'a size like 100kb (1 byte to 100mb)');
  return value;
}
