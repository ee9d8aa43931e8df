import { ConfigurableModuleBuilder } from '@nestjs/common';
import { IMPORTS_EXTRA, withImports } from '../common/module/imports-extra.js';

/** Options of {@link AccountsModule}. */
export interface AccountsModuleOptions {
  /** Take a snapshot each time an account's version passes a multiple of this (default 10). */
  snapshotEvery?: number;
  /** Attempts of a command whose append met a concurrent writer before it gives up (default 30). */
  maxAttempts?: number;
  /** How many recently written accounts keep their state in memory (default 10,000; 0 turns it off). */
  cachedAccounts?: number;
}

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } = new ConfigurableModuleBuilder<AccountsModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras(IMPORTS_EXTRA, withImports)
  .build();

/** Base of {@link AccountsModule}: its `forRoot` and `forRootAsync`. */
export const ConfigurableAccountsModule = ConfigurableModuleClass;

/** Injection token of the {@link AccountsModuleOptions} given to `AccountsModule.forRoot` / `forRootAsync`. */
export const ACCOUNTS_OPTIONS = MODULE_OPTIONS_TOKEN;
