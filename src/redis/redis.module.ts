import { ConfigurableModuleBuilder, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { createRedisClient, REDIS_CLIENT, REDIS_KEY_PREFIX } from './redis-client.js';

/** How long the start waits for Redis to answer before it goes on without it. */
const FIRST_CONNECTION_WAIT_MS = 1000;

/** Options of {@link RedisModule}. */
export interface RedisModuleOptions {
  /** `redis://[user:password@]host:6379[/db]` or `rediss://...` */
  url: string;
  /** Prefix of every key the read models write (default `bank:`). */
  keyPrefix?: string;
}

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } = new ConfigurableModuleBuilder<RedisModuleOptions>().setClassMethodName('forRoot').build();

/** Injection token of the {@link RedisModuleOptions}. */
export const REDIS_OPTIONS = MODULE_OPTIONS_TOKEN;

/**
 * A Redis connection for read models in Redis (`REDIS_CLIENT`) and their key prefix (`REDIS_KEY_PREFIX`).
 * The connection is made in the background (the service starts while Redis is down) and closed when
 * the application shuts down. Hand the module to the read models that use it through `imports`.
 */
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [MODULE_OPTIONS_TOKEN],
      useFactory: async (options: RedisModuleOptions) => {
        const client = createRedisClient(options.url);
        // A moment for the first connection, so the read models do not start by failing; not longer:
        // the service starts while Redis is down, and the read models catch up once it answers.
        await Promise.race([once(client, 'ready'), delay(FIRST_CONNECTION_WAIT_MS, undefined, { ref: false })]);
        return client;
      },
    },
    { provide: REDIS_KEY_PREFIX, inject: [MODULE_OPTIONS_TOKEN], useFactory: (options: RedisModuleOptions) => options.keyPrefix ?? 'bank:' },
  ],
  exports: [REDIS_CLIENT, REDIS_KEY_PREFIX],
})
export class RedisModule extends ConfigurableModuleClass implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {
    super();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
