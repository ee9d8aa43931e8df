import { ConfigurableModuleBuilder } from '@nestjs/common';
import { IMPORTS_EXTRA, withImports } from '../common/module/imports-extra.js';

/** Options of {@link ProjectionsModule}. */
export interface ProjectionsModuleOptions {
  /** Events read and committed per step (default 1000; rebuilds and catch-up use the same). */
  batchSize?: number;
  /**
   * After a partial batch, how long to wait for more events before the next one (default 100 ms; 0: never).
   * A read that waits for the projection ends the wait at once, so this costs reads no freshness; a
   * longer wait makes fewer, larger batches (about a tenth more deposits/s at 100 ms than at 25 ms).
   */
  coalesceMs?: number;
  /** How often an idle runner looks for events it was not told about (default 1000 ms). */
  pollIntervalMs?: number;
  /** First retry delay after a failure; doubles per failure up to `retryMaxMs` (default 100 ms). */
  retryBaseMs?: number;
  /** Longest retry delay (default 30,000 ms). */
  retryMaxMs?: number;
  /** How long a read with `minPosition` waits for the projection before 504 (default 5,000 ms). */
  readWaitMs?: number;
}

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } = new ConfigurableModuleBuilder<ProjectionsModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras(IMPORTS_EXTRA, withImports)
  .build();

/** Base of {@link ProjectionsModule}: its `forRoot` and `forRootAsync`. */
export const ConfigurableProjectionsModule = ConfigurableModuleClass;

/** Injection token of the {@link ProjectionsModuleOptions} given to `ProjectionsModule.forRoot` / `forRootAsync`. */
export const PROJECTIONS_OPTIONS = MODULE_OPTIONS_TOKEN;
