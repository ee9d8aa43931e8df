import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccountsModule } from './accounts/accounts.module.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { AppConfigModule, type AppConfigModuleOptions } from './config/app-config.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { EventsModule } from './events/events.module.js';
import { EventStoreModule } from './eventstore/event-store.module.js';
import { OperationsModule } from './operations/operations.module.js';
import { AccountProjectionsModule } from './projections/account-projections.module.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { RedisModule } from './redis/redis.module.js';
import { EventRelayModule } from './relay/event-relay.module.js';
import { StatsModule } from './stats/stats.module.js';
import { TransfersModule } from './transfers/transfers.module.js';

/** The service: the embeddable modules composed over one event store, configured from the environment. */
@Module({})
export class AppModule {
  /**
   * Validates the environment first (`@nestjs/config`), then composes the modules from it: the relay
   * to RabbitMQ only with `RABBITMQ_URL`, the Redis copy of AccountBalances only with `REDIS_URL`.
   * @throws ConfigError naming the first variable with an unusable value.
   */
  static async forRoot(options: AppConfigModuleOptions = {}): Promise<DynamicModule> {
    const resolved = AppConfigModule.resolve(options);
    const config = await AppConfigModule.forRoot(options, resolved);
    const store = EventStoreModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (app: AppConfig) => ({
        driver: app.eventStore,
        sqlitePath: app.sqlitePath,
        sqliteSynchronous: app.sqliteSynchronous,
        sqliteDiskTimeoutMs: app.sqliteDiskTimeoutMs,
        databaseUrl: app.databaseUrl,
        postgresSchema: app.postgresSchema,
        postgresPoolSize: app.postgresPoolSize,
        postgresConnectTimeoutMs: app.postgresConnectTimeoutMs,
        postgresStatementTimeoutMs: app.postgresStatementTimeoutMs,
      }),
    });
    const accounts = AccountsModule.forRootAsync({
      imports: [store],
      inject: [APP_CONFIG],
      useFactory: (app: AppConfig) => ({ snapshotEvery: app.snapshotEvery }),
    });
    const transfers = TransfersModule.forRoot({ imports: [store, accounts] });
    const projections = ProjectionsModule.forRoot({ imports: [store] });
    const redis = resolved.redisUrl ? RedisModule.forRoot({ url: resolved.redisUrl, keyPrefix: resolved.redisKeyPrefix }) : undefined;
    const relay = resolved.rabbitmqUrl
      ? EventRelayModule.forRoot({ imports: [store, projections], url: resolved.rabbitmqUrl, exchange: resolved.eventsExchange, coalesceMs: resolved.relayCoalesceMs })
      : undefined;
    return {
      module: AppModule,
      imports: [
        config,
        CqrsModule.forRoot(),
        store,
        accounts,
        transfers,
        EventsModule.forRootAsync({
          imports: [store, transfers],
          inject: [APP_CONFIG],
          useFactory: (app: AppConfig) => ({ importEnabled: app.adminToken !== undefined }),
        }),
        projections,
        AccountProjectionsModule.forRoot({
          imports: [store, projections, ...(redis ? [redis] : [])],
          redis: redis !== undefined,
          accountBalancesSource: resolved.accountBalancesSource,
        }),
        ...(relay ? [relay] : []),
        StatsModule.forRoot({ imports: [store, projections] }),
        DashboardModule,
        OperationsModule.forRoot({ imports: [store, projections, ...(relay ? [relay] : [])] }),
      ],
    };
  }
}
