import { ConfigurableModuleBuilder } from '@nestjs/common';
import { IMPORTS_EXTRA, type ModuleImport, withImports } from '../common/module/imports-extra.js';
import { RedisAccountBalancesProjection } from './account-balances/redis-account-balances.projection.js';
import { RedisAccountBalancesReader } from './account-balances/redis-account-balances.reader.js';

/** Options of {@link AccountProjectionsModule}. */
export interface AccountProjectionsModuleOptions {
  /** Where `GET /projections/AccountBalances` reads when the request does not say (`?source=`); default `sql`. */
  accountBalancesSource?: 'sql' | 'redis';
}

/** The module's static extras: what it imports, and whether it keeps AccountBalances in Redis too. */
interface AccountProjectionsExtras {
  imports: ModuleImport[];
  /** Keep a Redis copy of AccountBalances (`RedisAccountBalances`); `imports` must then hold the RedisModule. */
  redis: boolean;
}

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } = new ConfigurableModuleBuilder<AccountProjectionsModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras<AccountProjectionsExtras>({ ...IMPORTS_EXTRA, redis: false }, (definition, extras) =>
    withImports(
      extras.redis ? { ...definition, providers: [...(definition.providers ?? []), RedisAccountBalancesProjection, RedisAccountBalancesReader] } : definition,
      extras,
    ),
  )
  .build();

/** Base of {@link AccountProjectionsModule}: its `forRoot` and `forRootAsync`. */
export const ConfigurableAccountProjectionsModule = ConfigurableModuleClass;

/** Injection token of the {@link AccountProjectionsModuleOptions}. */
export const ACCOUNT_PROJECTIONS_OPTIONS = MODULE_OPTIONS_TOKEN;
