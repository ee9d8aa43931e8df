import { ConfigurableModuleBuilder } from '@nestjs/common';

/** Options of {@link EventStoreModule}. */
export interface EventStoreModuleOptions {
  /** Which adapter backs the store. `memory` is for tests only. */
  driver: 'sqlite' | 'memory';
  /** SQLite database file (driver `sqlite`); its folder is created on start. */
  sqlitePath?: string;
}

export const {
  ConfigurableModuleClass: ConfigurableEventStoreModule,
  MODULE_OPTIONS_TOKEN: EVENT_STORE_OPTIONS,
} = new ConfigurableModuleBuilder<EventStoreModuleOptions>().setClassMethodName('forRoot').build();
