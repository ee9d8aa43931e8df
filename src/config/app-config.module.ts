import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_CONFIG, type AppConfig } from './app-config.js';
import { type Environment, toAppConfig, validateEnvironment } from './environment.js';

/** Options of {@link AppConfigModule.forRoot}. */
export interface AppConfigModuleOptions {
  /** Values that replace the validated ones (tests, embedding). */
  overrides?: Partial<AppConfig>;
  /**
   * `false` leaves `process.env` out: every variable takes its default (then `overrides`). Tests use
   * it so that the developer's environment does not leak into them. Default `true`.
   */
  readEnvironment?: boolean;
}

/**
 * `ConfigModule` with the service's validation, and the typed {@link AppConfig} under `APP_CONFIG`,
 * both global. Validation runs inside `forRoot`, before Nest builds anything, so a bad variable stops
 * the start with a `ConfigError` naming it.
 */
@Module({})
export class AppConfigModule {
  /** @throws ConfigError naming the first variable with an unusable value. */
  static async forRoot(options: AppConfigModuleOptions = {}): Promise<DynamicModule> {
    const readEnvironment = options.readEnvironment ?? true;
    const config = await ConfigModule.forRoot({
      ignoreEnvFile: true,
      validatePredefined: readEnvironment,
      skipProcessEnv: !readEnvironment,
      cache: true,
      validate: validateEnvironment,
    });
    return {
      module: AppConfigModule,
      global: true,
      imports: [config],
      providers: [
        {
          provide: APP_CONFIG,
          inject: [ConfigService],
          useFactory: (env: ConfigService<Environment, true>): AppConfig => ({
            ...toAppConfig(environmentOf(env)),
            ...options.overrides,
          }),
        },
      ],
      exports: [APP_CONFIG, config],
    };
  }
}

function environmentOf(env: ConfigService<Environment, true>): Environment {
  const get = <K extends keyof Environment>(key: K): Environment[K] => env.get(key, { infer: true });
  return {
    PORT: get('PORT'),
    EVENT_STORE: get('EVENT_STORE'),
    SQLITE_PATH: get('SQLITE_PATH'),
    SQLITE_SYNCHRONOUS: get('SQLITE_SYNCHRONOUS'),
    SQLITE_DISK_TIMEOUT_MS: get('SQLITE_DISK_TIMEOUT_MS'),
    DATABASE_URL: get('DATABASE_URL'),
    PG_SCHEMA: get('PG_SCHEMA'),
    PG_POOL_SIZE: get('PG_POOL_SIZE'),
    PG_CONNECT_TIMEOUT_MS: get('PG_CONNECT_TIMEOUT_MS'),
    PG_STATEMENT_TIMEOUT_MS: get('PG_STATEMENT_TIMEOUT_MS'),
    SNAPSHOT_EVERY: get('SNAPSHOT_EVERY'),
    BODY_LIMIT: get('BODY_LIMIT'),
    API_TOKEN: get('API_TOKEN'),
    ADMIN_TOKEN: get('ADMIN_TOKEN'),
    LOG_LEVEL: get('LOG_LEVEL'),
    SHUTDOWN_TIMEOUT_MS: get('SHUTDOWN_TIMEOUT_MS'),
  };
}
