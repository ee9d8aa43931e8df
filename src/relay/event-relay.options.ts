import type { RabbitMqPublisherOptions } from './rabbitmq-publisher.js';

/** Options of {@link EventRelayModule}: where the events go, and how long batches gather. */
export interface EventRelayModuleOptions extends RabbitMqPublisherOptions {
  /**
   * After a partial batch, how long the relay waits for more events before publishing (default 25 ms).
   * Longer: fewer, larger batches (less CPU per event), more delay to consumers; see BENCHMARKS.md.
   */
  coalesceMs?: number;
}

/** Injection token of the {@link EventRelayModuleOptions}. */
export const EVENT_RELAY_OPTIONS_TOKEN = Symbol('EVENT_RELAY_OPTIONS');
