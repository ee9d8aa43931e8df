export * from './redis-client.js';
export * from './redis-projection-target.js';
export type * from './redis-write.js';
export * from './redis.module.js';
