import type { RabbitMqPublisherOptions } from './rabbitmq-publisher.js';

/** Options of {@link EventRelayModule}: where the events go. */
export type EventRelayModuleOptions = RabbitMqPublisherOptions;

/** Injection token of the {@link EventRelayModuleOptions}. */
export const EVENT_RELAY_OPTIONS_TOKEN = Symbol('EVENT_RELAY_OPTIONS');
