import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { describeWithService, problemOf } from './external-service.js';

/** The Redis the tests use (the machine's). */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisProblem(): Promise<string | null> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return problemOf(error);
  } finally {
    client.disconnect();
  }
}

/** `describe` for tests that need Redis (skipped outside CI only when it is down). */
export function describeWithRedis(name: string, body: () => void): Promise<void> {
  return describeWithService('Redis', REDIS_URL, redisProblem, name, body);
}

/** A fresh key prefix for one test's keys. */
export function freshKeyPrefix(): string {
  return `test:${randomBytes(5).toString('hex')}:`;
}

/** Deletes every key under a prefix. */
export async function deleteKeys(prefix: string): Promise<void> {
  const client = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}
