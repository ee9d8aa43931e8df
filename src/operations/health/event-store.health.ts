import { Inject, Injectable, Logger } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { setTimeout as delay } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { EVENT_STORE, type EventStore } from '../../eventstore/event-store.port.js';

/** How long the store has to answer a health check. */
const PING_TIMEOUT_MS = 3000;

/**
 * The event store as a terminus health indicator: `up` with the driver and head position when it
 * answers within 3 s, `down` otherwise (the cause goes to the log, not to the response).
 */
@Injectable()
export class EventStoreHealthIndicator {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `logFields` go on the warning logged when the store does not answer (the request id of the check). */
  async check(key: string, logFields: object = {}): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    const driver = this.config.eventStore;
    const abort = new AbortController();
    try {
      const headPosition = await Promise.race([
        this.store.ping().then(() => this.store.headPosition()),
        delay(PING_TIMEOUT_MS, undefined, { signal: abort.signal }).then(() => {
          throw new Error(`no answer within ${PING_TIMEOUT_MS} ms`);
        }),
      ]);
      return indicator.up({ driver, headPosition });
    } catch (error) {
      this.logger.warn(logFields, `Event store health check failed: ${error instanceof Error ? error.message : String(error)}`);
      return indicator.down({ driver, message: 'The event store does not answer' });
    } finally {
      abort.abort();
    }
  }
}
