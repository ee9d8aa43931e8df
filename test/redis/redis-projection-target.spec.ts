import { Redis } from 'ioredis';
import { ProjectionCheckpointConflictError } from '../../src/eventstore/event-store.errors.js';
import type { ProjectionCheckpoint } from '../../src/eventstore/projection-checkpoint.js';
import { RedisProjectionTarget } from '../../src/redis/redis-projection-target.js';
import { deleteKeys, describeWithRedis, freshKeyPrefix, REDIS_URL } from '../support/redis.js';

const checkpoint = (position: number, generation = 1): ProjectionCheckpoint => ({ name: 'P', position, eventId: `e-${position}`, eventsProcessed: position, generation });

await describeWithRedis('RedisProjectionTarget', () => {
  let redis: Redis;
  let prefix: string;
  let target: RedisProjectionTarget;

  beforeEach(() => {
    redis = new Redis(REDIS_URL);
    prefix = freshKeyPrefix();
    target = new RedisProjectionTarget(redis, prefix);
  });
  afterEach(async () => {
    await deleteKeys(prefix);
    redis.disconnect();
  });

  it('commits the writes with the checkpoint; a missing checkpoint counts as position 0', async () => {
    expect(await target.loadCheckpoint('P')).toBeNull();
    await target.commitProjection({
      checkpoint: checkpoint(3),
      expectedPosition: 0,
      statements: [
        { op: 'hset', key: `${prefix}h`, field: 'a', value: '1' },
        { op: 'zadd', key: `${prefix}z`, member: 'a' },
      ],
    });
    expect(await target.loadCheckpoint('P')).toEqual(checkpoint(3));
    expect(await redis.hget(`${prefix}h`, 'a')).toBe('1');
    expect(await redis.zrange(`${prefix}z`, 0, -1)).toEqual(['a']);
  });

  it('refuses a commit from a moved checkpoint, or from another generation, and writes nothing of it', async () => {
    await target.commitProjection({ checkpoint: checkpoint(3, 2), expectedPosition: 0, statements: [] });
    const stale = target.commitProjection({ checkpoint: checkpoint(5, 2), expectedPosition: 2, statements: [{ op: 'hset', key: `${prefix}h`, field: 'x', value: 'stale' }] });
    await expect(stale).rejects.toMatchObject({ name: 'ProjectionCheckpointConflictError', expectedPosition: 2, actualPosition: 3, actualGeneration: 2 });
    const otherGeneration = target.commitProjection({ checkpoint: checkpoint(5, 1), expectedPosition: 3, expectedGeneration: 1, statements: [{ op: 'hset', key: `${prefix}h`, field: 'x', value: 'old' }] });
    await expect(otherGeneration).rejects.toBeInstanceOf(ProjectionCheckpointConflictError);
    expect(await redis.hget(`${prefix}h`, 'x')).toBeNull();
    expect(await target.loadCheckpoint('P')).toEqual(checkpoint(3, 2));
  });

  it('drops tables by deleting their keys, in the commit', async () => {
    await redis.hset(`${prefix}old_g1`, 'a', '1');
    await target.commitProjection({ checkpoint: checkpoint(0), expectedPosition: 0, statements: target.dropTables([`${prefix}old_g1`]) });
    expect(await redis.exists(`${prefix}old_g1`)).toBe(0);
  });
});
