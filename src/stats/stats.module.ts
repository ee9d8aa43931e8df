import { ConfigurableModuleBuilder, Module } from '@nestjs/common';
import { IMPORTS_EXTRA, withImports } from '../common/module/imports-extra.js';
import { GetStatsHandler } from './get-stats/get-stats.handler.js';
import { StatsController } from './stats.controller.js';
import { StatsProjection } from './stats.projection.js';

const { ConfigurableModuleClass } = new ConfigurableModuleBuilder<object>()
  .setClassMethodName('forRoot')
  .setExtras(IMPORTS_EXTRA, withImports)
  .build();

/** `GET /stats` and the Stats projection behind it. Pass the store and ProjectionsModule in `imports`. */
@Module({ controllers: [StatsController], providers: [StatsProjection, GetStatsHandler] })
export class StatsModule extends ConfigurableModuleClass {}
