import { ConfigurableModuleBuilder } from '@nestjs/common';
import { IMPORTS_EXTRA, withImports } from '../common/module/imports-extra.js';

/** Options of {@link EventsModule}. */
export interface EventsModuleOptions {
  /**
   * Whether `POST /events/import` takes imports (default false: refused with 401). The service turns it
   * on only when it runs with `ADMIN_TOKEN`, so only the admin token can append events as they are.
   */
  importEnabled?: boolean;
  /** How often a Server-Sent Events stream of `GET /events/stream` sends a heartbeat comment (default 15,000 ms). */
  sseHeartbeatMs?: number;
}

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } = new ConfigurableModuleBuilder<EventsModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras(IMPORTS_EXTRA, withImports)
  .build();

/** Base of {@link EventsModule}: its `forRoot` and `forRootAsync`. */
export const ConfigurableEventsModule = ConfigurableModuleClass;

/** Injection token of the {@link EventsModuleOptions} given to `EventsModule.forRoot` / `forRootAsync`. */
export const EVENTS_OPTIONS = MODULE_OPTIONS_TOKEN;
