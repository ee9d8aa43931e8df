import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createEventStore } from './event-store.factory.js';
import { ConfigurableEventStoreModule, EVENT_STORE_OPTIONS, type EventStoreModuleOptions } from './event-store.options.js';
import { EVENT_STORE, type EventStore } from './event-store.port.js';
import { StreamNames } from './stream-names.js';
import { EventUpcasters } from './upcasting/event-upcasters.js';
import { UpcastingEventStore } from './upcasting/upcasting-event-store.js';

/**
 * Provides the {@link EventStore} under the `EVENT_STORE` token, the {@link EventUpcasters} that its
 * reads apply (features register their older event shapes there when their module starts), and the
 * {@link StreamNames} that give its events their aggregate ids. Import it
 * with `forRoot` or `forRootAsync` and hand the same module to features that need the store (their
 * `imports` option). The store is closed when the application shuts down.
 */
@Module({
  providers: [
    EventUpcasters,
    StreamNames,
    {
      provide: EVENT_STORE,
      inject: [EVENT_STORE_OPTIONS, EventUpcasters, StreamNames],
      useFactory: async (options: EventStoreModuleOptions, upcasters: EventUpcasters, streamNames: StreamNames) =>
        new UpcastingEventStore(await createEventStore(options), upcasters, streamNames),
    },
  ],
  exports: [EVENT_STORE, EventUpcasters, StreamNames],
})
export class EventStoreModule extends ConfigurableEventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    super();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
