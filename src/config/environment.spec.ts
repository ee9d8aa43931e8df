import { ConfigError } from './config-error.js';
import { toAppConfig, validateEnvironment } from './environment.js';

describe('validateEnvironment', () => {
  it('given no variables, then every default', () => {
    expect(toAppConfig(validateEnvironment({}))).toEqual({
      port: 3000,
      eventStore: 'sqlite',
      sqlitePath: './data/event-store.sqlite',
      sqliteSynchronous: 'full',
      sqliteDiskTimeoutMs: 10_000,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
      postgresSchema: 'public',
      postgresPoolSize: 10,
      postgresConnectTimeoutMs: 5_000,
      postgresStatementTimeoutMs: 30_000,
      snapshotEvery: 10,
      bodyLimit: 100 * 1024,
      apiToken: undefined,
      adminToken: undefined,
      logLevel: 'info',
      shutdownTimeoutMs: 10_000,
      rabbitmqUrl: undefined,
      eventsExchange: 'bank.events',
      relayCoalesceMs: 25,
      redisUrl: undefined,
      redisKeyPrefix: 'bank:',
      accountBalancesSource: 'sql',
    });
  });

  it('given RabbitMQ and Redis, then their URLs, exchange, prefix and the Redis source', () => {
    const config = toAppConfig(
      validateEnvironment({
        RABBITMQ_URL: 'amqp://guest:guest@mq:5672',
        EVENTS_EXCHANGE: 'bank.events.v2',
        REDIS_URL: 'redis://cache:6379/2',
        REDIS_KEY_PREFIX: 'bank:{eu}:',
        ACCOUNT_BALANCES_SOURCE: 'redis',
      }),
    );
    expect(config).toMatchObject({
      rabbitmqUrl: 'amqp://guest:guest@mq:5672',
      eventsExchange: 'bank.events.v2',
      redisUrl: 'redis://cache:6379/2',
      redisKeyPrefix: 'bank:{eu}:',
      accountBalancesSource: 'redis',
    });
  });

  it('given ACCOUNT_BALANCES_SOURCE=redis without REDIS_URL, then a ConfigError', () => {
    expect(() => validateEnvironment({ ACCOUNT_BALANCES_SOURCE: 'redis' })).toThrow(/ACCOUNT_BALANCES_SOURCE="redis"; expected sql unless REDIS_URL is set/);
  });

  it('given valid values, then they are typed', () => {
    const env = validateEnvironment({
      PORT: '8080',
      EVENT_STORE: 'postgres',
      BODY_LIMIT: '1mb',
      API_TOKEN: 'api-token-0123456789',
      ADMIN_TOKEN: 'admin-token-0123456789',
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_MS: '0',
      UNRELATED: 'ignored',
    });
    expect(env).toMatchObject({ PORT: 8080, EVENT_STORE: 'postgres', BODY_LIMIT: 1024 * 1024, LOG_LEVEL: 'warn', SHUTDOWN_TIMEOUT_MS: 0 });
    expect(env).not.toHaveProperty('UNRELATED');
  });

  it('given an empty variable, then its default', () => {
    expect(validateEnvironment({ PORT: '', API_TOKEN: '' })).toMatchObject({ PORT: 3000 });
    expect(validateEnvironment({ API_TOKEN: '' })).not.toHaveProperty('API_TOKEN');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['EVENT_STORE', 'mongo'],
    ['SQLITE_SYNCHRONOUS', 'off'],
    ['SQLITE_DISK_TIMEOUT_MS', '50'],
    ['SNAPSHOT_EVERY', '0'],
    ['PG_POOL_SIZE', '1.5'],
    ['PG_SCHEMA', 'Bad-Schema'],
    ['PG_CONNECT_TIMEOUT_MS', '10'],
    ['PG_STATEMENT_TIMEOUT_MS', 'soon'],
    ['DATABASE_URL', 'mysql://x'],
    ['BODY_LIMIT', 'lots'],
    ['LOG_LEVEL', 'loud'],
    ['SHUTDOWN_TIMEOUT_MS', '-1'],
    ['API_TOKEN', 'short'],
    ['ADMIN_TOKEN', 'has spaces in the middle'],
    ['RABBITMQ_URL', 'http://mq'],
    ['EVENTS_EXCHANGE', 'has space'],
    ['RELAY_COALESCE_MS', '20000'],
    ['REDIS_URL', 'tcp://cache'],
    ['REDIS_KEY_PREFIX', 'bad prefix'],
    ['ACCOUNT_BALANCES_SOURCE', 'mongo'],
  ])('given %s=%s, then a ConfigError naming it', (name, value) => {
    const attempt = () => validateEnvironment({ [name]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`^Invalid configuration: ${name}=`));
  });

  it('never shows a token or a database password in the error', () => {
    expect(() => validateEnvironment({ API_TOKEN: 'secret!' })).toThrow(/API_TOKEN=\(7 characters, hidden\)/);
    expect(() => validateEnvironment({ API_TOKEN: 'secret!' })).not.toThrow(/secret/);
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://user:pw@host/db' })).toThrow(/mysql:\/\/user:\*\*\*@host/);
    expect(() => validateEnvironment({ RABBITMQ_URL: 'http://guest:pw@mq' })).toThrow(/http:\/\/guest:\*\*\*@mq/);
  });

  it('given the same API and admin token, then a ConfigError on ADMIN_TOKEN', () => {
    const token = 'the-same-token-for-both';
    expect(() => validateEnvironment({ API_TOKEN: token, ADMIN_TOKEN: token })).toThrow(/ADMIN_TOKEN=\(hidden\); expected a token different from API_TOKEN/);
  });
});
