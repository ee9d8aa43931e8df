import { type AppConfig, LOG_LEVELS, type LogLevel } from './app-config.js';
import { ConfigError } from './config-error.js';

/** The validated environment variables of the service, typed (what `ConfigService` holds). */
export interface Environment {
  PORT: number;
  EVENT_STORE: AppConfig['eventStore'];
  SQLITE_PATH: string;
  SQLITE_SYNCHRONOUS: AppConfig['sqliteSynchronous'];
  SQLITE_DISK_TIMEOUT_MS: number;
  DATABASE_URL: string;
  PG_SCHEMA: string;
  PG_POOL_SIZE: number;
  PG_CONNECT_TIMEOUT_MS: number;
  PG_STATEMENT_TIMEOUT_MS: number;
  SNAPSHOT_EVERY: number;
  BODY_LIMIT: number;
  API_TOKEN?: string;
  ADMIN_TOKEN?: string;
  LOG_LEVEL: LogLevel;
  SHUTDOWN_TIMEOUT_MS: number;
  RABBITMQ_URL?: string;
  EVENTS_EXCHANGE: string;
  RELAY_COALESCE_MS: number;
  REDIS_URL?: string;
  REDIS_KEY_PREFIX: string;
  ACCOUNT_BALANCES_SOURCE: AppConfig['accountBalancesSource'];
}

type Env = Record<string, unknown>;

/**
 * The `validate` function of `ConfigModule.forRoot`: reads every variable of the service (an unset or
 * empty variable takes its default) and returns them typed.
 * @throws ConfigError naming the first variable with an unusable value.
 */
export function validateEnvironment(env: Env): Environment {
  const redisUrl = url(env, 'REDIS_URL', /^rediss?:\/\//, 'a redis:// or rediss:// URL');
  const apiToken = token(env, 'API_TOKEN');
  const adminToken = token(env, 'ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken === apiToken) {
    throw new ConfigError('ADMIN_TOKEN', '(hidden)', 'a token different from API_TOKEN');
  }
  return {
    PORT: integer(env, 'PORT', 3000, 0, 65535),
    EVENT_STORE: oneOf(env, 'EVENT_STORE', 'sqlite', ['sqlite', 'postgres', 'memory'] as const),
    SQLITE_PATH: text(env, 'SQLITE_PATH', './data/event-store.sqlite'),
    SQLITE_SYNCHRONOUS: oneOf(env, 'SQLITE_SYNCHRONOUS', 'full', ['full', 'normal'] as const),
    SQLITE_DISK_TIMEOUT_MS: integer(env, 'SQLITE_DISK_TIMEOUT_MS', 10_000, 100, 600_000),
    DATABASE_URL: postgresUrl(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/postgres'),
    PG_SCHEMA: identifier(env, 'PG_SCHEMA', 'public'),
    PG_POOL_SIZE: integer(env, 'PG_POOL_SIZE', 10, 1, 1000),
    PG_CONNECT_TIMEOUT_MS: integer(env, 'PG_CONNECT_TIMEOUT_MS', 5_000, 100, 600_000),
    PG_STATEMENT_TIMEOUT_MS: integer(env, 'PG_STATEMENT_TIMEOUT_MS', 30_000, 100, 3_600_000),
    SNAPSHOT_EVERY: integer(env, 'SNAPSHOT_EVERY', 10, 1, 1_000_000),
    BODY_LIMIT: bytes(env, 'BODY_LIMIT', 100 * 1024),
    ...(apiToken === undefined ? {} : { API_TOKEN: apiToken }),
    ...(adminToken === undefined ? {} : { ADMIN_TOKEN: adminToken }),
    LOG_LEVEL: oneOf(env, 'LOG_LEVEL', 'info', LOG_LEVELS),
    SHUTDOWN_TIMEOUT_MS: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    ...optional('RABBITMQ_URL', url(env, 'RABBITMQ_URL', /^amqps?:\/\//, 'an amqp:// or amqps:// URL')),
    EVENTS_EXCHANGE: exchangeName(env, 'EVENTS_EXCHANGE', 'bank.events'),
    RELAY_COALESCE_MS: integer(env, 'RELAY_COALESCE_MS', 25, 0, 10_000),
    ...optional('REDIS_URL', redisUrl),
    REDIS_KEY_PREFIX: keyPrefix(env, 'REDIS_KEY_PREFIX', 'bank:'),
    ACCOUNT_BALANCES_SOURCE: accountBalancesSource(env, redisUrl !== undefined),
  };
}

/** `{ [name]: value }`, or nothing when the value is undefined. */
function optional<K extends string, V>(name: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [name]: value } as Record<K, V>);
}

/** The validated environment as the application's typed configuration. */
export function toAppConfig(env: Environment): AppConfig {
  return {
    port: env.PORT,
    eventStore: env.EVENT_STORE,
    sqlitePath: env.SQLITE_PATH,
    sqliteSynchronous: env.SQLITE_SYNCHRONOUS,
    sqliteDiskTimeoutMs: env.SQLITE_DISK_TIMEOUT_MS,
    databaseUrl: env.DATABASE_URL,
    postgresSchema: env.PG_SCHEMA,
    postgresPoolSize: env.PG_POOL_SIZE,
    postgresConnectTimeoutMs: env.PG_CONNECT_TIMEOUT_MS,
    postgresStatementTimeoutMs: env.PG_STATEMENT_TIMEOUT_MS,
    snapshotEvery: env.SNAPSHOT_EVERY,
    bodyLimit: env.BODY_LIMIT,
    apiToken: env.API_TOKEN || undefined,
    adminToken: env.ADMIN_TOKEN || undefined,
    logLevel: env.LOG_LEVEL,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    rabbitmqUrl: env.RABBITMQ_URL || undefined,
    eventsExchange: env.EVENTS_EXCHANGE,
    relayCoalesceMs: env.RELAY_COALESCE_MS,
    redisUrl: env.REDIS_URL || undefined,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    accountBalancesSource: env.ACCOUNT_BALANCES_SOURCE,
  };
}

/** The variable's value, or undefined when it is unset or empty (then the default applies). */
function raw(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
    throw new ConfigError(name, JSON.stringify(value), `an integer from ${min} to ${max}`);
  }
  return parsed;
}

function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, JSON.stringify(value), `one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function text(env: Env, name: string, fallback: string): string {
  return raw(env, name) ?? fallback;
}

function postgresUrl(env: Env, name: string, fallback: string): string {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!/^postgres(ql)?:\/\//.test(value)) {
    throw new ConfigError(name, JSON.stringify(value.replace(/:[^:@/]*@/, ':***@')), 'a postgres:// URL');
  }
  return value;
}

function identifier(env: Env, name: string, fallback: string): string {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) throw new ConfigError(name, JSON.stringify(value), 'a lower-case SQL identifier');
  return value;
}

/** A connection URL of the given scheme; its password never appears in an error. */
function url(env: Env, name: string, scheme: RegExp, expected: string): string | undefined {
  const value = raw(env, name);
  if (value === undefined) return undefined;
  if (!scheme.test(value)) throw new ConfigError(name, JSON.stringify(value.replace(/:[^:@/]*@/, ':***@')), expected);
  return value;
}

function exchangeName(env: Env, name: string, fallback: string): string {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!/^[A-Za-z0-9._:-]{1,127}$/.test(value)) throw new ConfigError(name, JSON.stringify(value), 'an exchange name (letters, digits, . _ : -, at most 127)');
  return value;
}

function keyPrefix(env: Env, name: string, fallback: string): string {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!/^[A-Za-z0-9._:{}-]{1,64}$/.test(value)) throw new ConfigError(name, JSON.stringify(value), 'a key prefix (letters, digits, . _ : { } -, at most 64)');
  return value;
}

function accountBalancesSource(env: Env, redis: boolean): AppConfig['accountBalancesSource'] {
  const source = oneOf(env, 'ACCOUNT_BALANCES_SOURCE', 'sql', ['sql', 'redis'] as const);
  if (source === 'redis' && !redis) throw new ConfigError('ACCOUNT_BALANCES_SOURCE', '"redis"', 'sql unless REDIS_URL is set');
  return source;
}

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 * 1024 };

function bytes(env: Env, name: string, fallback: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(value.trim());
  const parsed = match ? Number(match[1]) * UNITS[(match[2] ?? '').toLowerCase()] : Number.NaN;
  if (!match || parsed < 1 || parsed > 100 * 1024 * 1024) {
    throw new ConfigError(name, JSON.stringify(value), 'a size like 100kb (1 byte to 100mb)');
  }
  return parsed;
}

/** A bearer token: 16-512 visible ASCII characters. Its value never appears in an error. */
function token(env: Env, name: string): string | undefined {
  const value = raw(env, name);
  if (value === undefined) return undefined;
  if (!/^[\x21-\x7e]{16,512}$/.test(value)) {
    throw new ConfigError(name, `(${value.length} characters, hidden)`, '16 to 512 visible ASCII characters without spaces');
  }
  return value;
}
