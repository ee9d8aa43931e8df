import { ConfigurableModuleBuilder, Module } from '@nestjs/common';
import { IMPORTS_EXTRA, withImports } from '../common/module/imports-extra.js';
import { EVENT_RELAY_OPTIONS_TOKEN, type EventRelayModuleOptions } from './event-relay.options.js';
import { EventRelay, RELAY_PUBLISHER } from './event-relay.js';
import { RabbitMqPublisher } from './rabbitmq-publisher.js';

const { ConfigurableModuleClass } = new ConfigurableModuleBuilder<EventRelayModuleOptions>({ optionsInjectionToken: EVENT_RELAY_OPTIONS_TOKEN })
  .setClassMethodName('forRoot')
  .setExtras(IMPORTS_EXTRA, withImports)
  .build();

/**
 * The event relay to RabbitMQ: every committed event, in position order, to a topic exchange. Pass
 * the EventStoreModule and ProjectionsModule in `imports` (the projection runner runs the relay).
 *
 * ```ts
 * EventRelayModule.forRoot({ imports: [store, projections], url: 'amqp://guest:guest@127.0.0.1:5672', exchange: 'bank.events' })
 * ```
 */
@Module({
  providers: [
    {
      provide: RELAY_PUBLISHER,
      inject: [EVENT_RELAY_OPTIONS_TOKEN],
      useFactory: (options: EventRelayModuleOptions) => new RabbitMqPublisher(options),
    },
    EventRelay,
  ],
  exports: [EventRelay],
})
export class EventRelayModule extends ConfigurableModuleClass {}
