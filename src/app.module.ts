import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccountsModule } from './accounts/accounts.module.js';
import type { AppConfig } from './config/app-config.js';
import { EventsModule } from './events/events.module.js';
import { EventStoreModule } from './eventstore/event-store.module.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { StatsModule } from './stats/stats.module.js';

/** The service: the embeddable modules composed over one event store. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const store = EventStoreModule.forRoot({
      driver: config.eventStore,
      sqlitePath: config.sqlitePath,
      databaseUrl: config.databaseUrl,
      postgresSchema: config.postgresSchema,
      postgresPoolSize: config.postgresPoolSize,
    });
    const projections = ProjectionsModule.forRoot({ imports: [store] });
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        store,
        AccountsModule.forRoot({ imports: [store], snapshotEvery: config.snapshotEvery }),
        EventsModule.forRoot({ imports: [store] }),
        projections,
        StatsModule.forRoot({ imports: [store, projections] }),
      ],
    };
  }
}
