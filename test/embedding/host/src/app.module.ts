import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from 'event-sourced-bank/eventstore';
import { ProjectionsModule } from 'event-sourced-bank/projections';
import { OrdersModule } from './orders/orders.module.js';

/** The host: its configuration, the bus it owns, the toolkit's store and projections, its orders. */
@Module({})
export class AppModule {
  static register(): DynamicModule {
    const config = ConfigModule.forRoot({ ignoreEnvFile: true });
    const store = EventStoreModule.forRootAsync({
      imports: [config],
      inject: [ConfigService],
      useFactory: (env: ConfigService) => ({
        driver: env.get<'sqlite' | 'postgres'>('ORDERS_STORE', 'sqlite'),
        sqlitePath: env.get('ORDERS_SQLITE_PATH'),
        databaseUrl: env.get('ORDERS_DATABASE_URL'),
        postgresSchema: env.get('ORDERS_PG_SCHEMA'),
        postgresPoolSize: 4,
      }),
    });
    const projections = ProjectionsModule.forRootAsync({
      imports: [store, config],
      inject: [ConfigService],
      useFactory: (env: ConfigService) => ({ batchSize: Number(env.get('ORDERS_PROJECTION_BATCH') ?? 500) }),
    });
    return {
      module: AppModule,
      imports: [config, CqrsModule.forRoot(), store, projections, OrdersModule.register([store, projections, config])],
    };
  }
}
