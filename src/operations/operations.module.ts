import { ConfigurableModuleBuilder, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { IMPORTS_EXTRA, withImports } from '../common/module/imports-extra.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { BearerTokenGuard } from './auth/bearer-token.guard.js';
import { EventStoreHealthIndicator } from './health/event-store.health.js';
import { HealthController } from './health/health.controller.js';
import { loggerParams } from './logging/logger-params.js';
import { CommandMetricsMiddleware } from './metrics/command-metrics.middleware.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { ServiceMetrics } from './metrics/service-metrics.js';
import { GracefulShutdown } from './shutdown/graceful-shutdown.js';

const { ConfigurableModuleClass } = new ConfigurableModuleBuilder<object>()
  .setClassMethodName('forRoot')
  .setExtras(IMPORTS_EXTRA, withImports)
  .build();

/**
 * How the service is run: `GET /health` (terminus), `GET /metrics` (prom-client), JSON logs with request
 * ids (nestjs-pino), the bearer-token guard and the HTTP side of graceful shutdown. Needs the global
 * `APP_CONFIG` (AppConfigModule) and, in `imports`, the EventStoreModule and ProjectionsModule.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => loggerParams(config) }),
    TerminusModule.forRoot({ logger: false }),
  ],
  controllers: [HealthController, MetricsController],
  providers: [
    EventStoreHealthIndicator,
    ServiceMetrics,
    GracefulShutdown,
    { provide: APP_GUARD, useClass: BearerTokenGuard },
  ],
  exports: [ServiceMetrics],
})
export class OperationsModule extends ConfigurableModuleClass implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CommandMetricsMiddleware).forRoutes({ path: 'commands/{*command}', method: RequestMethod.POST });
  }
}
