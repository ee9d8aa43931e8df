import { Redis } from 'ioredis';

/** Injection token of the service's Redis connection (ioredis). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** Injection token of the prefix of every Redis key the service writes. */
export const REDIS_KEY_PREFIX = Symbol('REDIS_KEY_PREFIX');

/**
 * A Redis connection for read models: it connects in the background and reconnects by itself, and a
 * command sent while it is disconnected fails at once instead of queueing (a projection then shows
 * `faulted` and retries; a read answers 503), so a lost Redis never holds anything up.
 */
export function createRedisClient(url: string): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5000,
    commandTimeout: 10_000,
    retryStrategy: (attempt) => Math.min(2000, 50 * 2 ** attempt),
  });
  // Connection errors reach the commands that fail; ioredis would otherwise print each one.
  client.on('error', () => undefined);
  return client;
}
