import type { Redis } from 'ioredis';
import { ProjectionCheckpointConflictError } from '../eventstore/event-store.errors.js';
import type { ProjectionCheckpoint, ProjectionCommit } from '../eventstore/projection-checkpoint.js';
import type { ProjectionTarget } from '../projections/projection-target.js';
import type { RedisWrite } from './redis-write.js';

/**
 * Compare-and-set on the checkpoint hash (KEYS[1]), then the writes, then the new checkpoint, in one
 * script: Redis runs it atomically, so the read model and its checkpoint change together or not at all.
 * ARGV: expected position, expected generation ('' for any), new position, event id, events processed,
 * generation, number of writes, then 4 arguments per write (op, key, a, b). Declared with `#!lua` (Redis 7):
 * Redis refuses the whole script up front when it is out of memory, rather than failing a write midway.
 */
const COMMIT = `#!lua
local stored = redis.call('HMGET', KEYS[1], 'position', 'generation')
local position = tonumber(stored[1]) or 0
local generation = tonumber(stored[2])
if position ~= tonumber(ARGV[1]) or (ARGV[2] ~= '' and generation ~= nil and generation ~= tonumber(ARGV[2])) then
  return {'CONFLICT', tostring(position), stored[2] or ''}
end
local i = 8
for _ = 1, tonumber(ARGV[7]) do
  local op, key = ARGV[i], ARGV[i + 1]
  if op == 'hset' then redis.call('HSET', key, ARGV[i + 2], ARGV[i + 3])
  elseif op == 'zadd' then redis.call('ZADD', key, 0, ARGV[i + 2])
  elseif op == 'del' then redis.call('UNLINK', key)
  end
  i = i + 4
end
redis.call('HSET', KEYS[1], 'position', ARGV[3], 'eventId', ARGV[4], 'eventsProcessed', ARGV[5], 'generation', ARGV[6])
return {'OK'}`;

type CommitReply = ['OK'] | ['CONFLICT', string, string];

interface CommittingRedis extends Redis {
  commitProjection(checkpointKey: string, ...args: string[]): Promise<CommitReply>;
}

/**
 * Redis as a projection target: each projection's checkpoint is a hash `<prefix>checkpoint:<name>`
 * (position, eventId, eventsProcessed, generation) that its writes commit with, in one Lua script. A
 * checkpoint that is not there counts as position 0: a Redis that lost its data (run without
 * persistence and restarted) is rebuilt from the log by the runner.
 *
 * Keys are passed as script arguments, so a read model lives on one Redis (not a cluster).
 */
export class RedisProjectionTarget implements ProjectionTarget<RedisWrite> {
  private readonly redis: CommittingRedis;

  constructor(
    redis: Redis,
    private readonly keyPrefix: string,
  ) {
    if (!('commitProjection' in redis)) redis.defineCommand('commitProjection', { numberOfKeys: 1, lua: COMMIT });
    this.redis = redis as CommittingRedis;
  }

  async loadCheckpoint(name: string): Promise<ProjectionCheckpoint | null> {
    const stored = await this.redis.hgetall(checkpointKeyOf(this.keyPrefix, name));
    return checkpointOf(name, stored);
  }

  async commitProjection({ checkpoint, expectedPosition, expectedGeneration, statements }: ProjectionCommit<RedisWrite>): Promise<void> {
    const args = [
      String(expectedPosition),
      expectedGeneration === undefined ? '' : String(expectedGeneration),
      String(checkpoint.position),
      checkpoint.eventId ?? '',
      String(checkpoint.eventsProcessed),
      String(checkpoint.generation),
      String(statements.length),
    ];
    for (const write of statements) {
      if (write.op === 'hset') args.push('hset', write.key, write.field, write.value);
      else if (write.op === 'zadd') args.push('zadd', write.key, write.member, '');
      else args.push('del', write.key, '', '');
    }
    const reply = await this.redis.commitProjection(checkpointKeyOf(this.keyPrefix, checkpoint.name), ...args);
    if (reply[0] === 'CONFLICT') {
      const [, position, generation] = reply;
      throw new ProjectionCheckpointConflictError(checkpoint.name, expectedPosition, Number(position), expectedGeneration, generation === '' ? undefined : Number(generation));
    }
  }

  dropTables(tables: readonly string[]): RedisWrite[] {
    return tables.map((key) => ({ op: 'del', key }));
  }
}

/** The key of a projection's checkpoint hash (what its readers read the live generation from). */
export function checkpointKeyOf(keyPrefix: string, name: string): string {
  return `${keyPrefix}checkpoint:${name}`;
}

/** A checkpoint from its stored hash, or null when there is none. */
export function checkpointOf(name: string, stored: Record<string, string>): ProjectionCheckpoint | null {
  if (stored.position === undefined) return null;
  return {
    name,
    position: Number(stored.position),
    eventId: stored.eventId ? stored.eventId : null,
    eventsProcessed: Number(stored.eventsProcessed ?? 0),
    generation: Number(stored.generation ?? 1),
  };
}
