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

export const {
  ConfigurableModuleClass: ConfigurableAccountsModule,
  MODULE_OPTIONS_TOKEN: ACCOUNTS_OPTIONS,
} = new ConfigurableModuleBuilder<AccountsModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras(IMPORTS_EXTRA, withImports)
  .build();
