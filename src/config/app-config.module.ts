import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_CONFIG, type AppConfig } from './app-config.js';
import { toAppConfig, validateEnvironment } from './environment.js';

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
 * `ConfigModule` with the service's validation (its `ConfigService` holds the validated variables), and
 * the typed {@link AppConfig} under `APP_CONFIG`, both global. Validation runs inside `forRoot`, before
 * Nest builds anything, so a bad variable stops the start with a `ConfigError` naming it.
 */
@Module({})
export class AppConfigModule {
  /**
   * The configuration `forRoot` provides: the validated environment (or the defaults) with `overrides`.
   * The application module composes itself from it (which integrations to include).
   * @throws ConfigError naming the first variable with an unusable value.
   */
  static resolve(options: AppConfigModuleOptions = {}): AppConfig {
    const env = (options.readEnvironment ?? true) ? process.env : {};
    return { ...toAppConfig(validateEnvironment(env)), ...options.overrides };
  }

  /**
   * `app`: the configuration to provide, when the caller resolved it already (the application module
   * composes itself from it).
   * @throws ConfigError naming the first variable with an unusable value.
   */
  static async forRoot(options: AppConfigModuleOptions = {}, app: AppConfig = AppConfigModule.resolve(options)): Promise<DynamicModule> {
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
      providers: [{ provide: APP_CONFIG, useValue: app }],
      exports: [APP_CONFIG, config],
    };
  }
}
