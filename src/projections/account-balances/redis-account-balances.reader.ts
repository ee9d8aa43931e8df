import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { StoreUnavailableError } from '../../common/errors/store-unavailable.error.js';
import { toMajorUnits } from '../../common/money/money.js';
import { REDIS_CLIENT, REDIS_KEY_PREFIX } from '../../redis/redis-client.js';
import { checkpointKeyOf, checkpointOf } from '../../redis/redis-projection-target.js';
import type { ProjectionRead } from '../projection-reads.js';
import { ProjectionRunner } from '../projection-runner.js';
import type { AccountBalancesView } from './account-balances.view.js';
import { REDIS_ACCOUNT_BALANCES, type RedisBalanceEntry, redisBalanceKeys } from './redis-account-balances.projection.js';

/**
 * Reads the checkpoint, then the live generation's entries, in one script (atomic): a read sees one
 * generation at one checkpoint, never a copy being rebuilt or a batch half applied. KEYS[1] the
 * checkpoint; ARGV: entries key, index key (without generation), accountId or '' , after, limit.
 */
const READ = `
local checkpoint = redis.call('HGETALL', KEYS[1])
local generation = tonumber(redis.call('HGET', KEYS[1], 'generation')) or 1
local suffix = '_g' .. generation
local ids
if ARGV[3] ~= '' then
  ids = {ARGV[3]}
else
  local from = '-'
  if ARGV[4] ~= '' then from = '(' .. ARGV[4] end
  ids = redis.call('ZRANGE', ARGV[2] .. suffix, from, '+', 'BYLEX', 'LIMIT', 0, tonumber(ARGV[5]))
end
local values = {}
for first = 1, #ids, 500 do
  local chunk = {}
  for i = first, math.min(first + 499, #ids) do chunk[#chunk + 1] = ids[i] end
  local got = redis.call('HMGET', ARGV[1] .. suffix, unpack(chunk))
  for i = 1, #got do values[#values + 1] = got[i] end
end
return {checkpoint, ids, values}`;

interface ReadingRedis extends Redis {
  readAccountBalances(checkpointKey: string, ...args: string[]): Promise<[string[], string[], Array<string | null>]>;
}

/** `GET /projections/AccountBalances?source=redis`: the Redis copy, with the same waits as the SQL read. */
@Injectable()
export class RedisAccountBalancesReader {
  private readonly redis: ReadingRedis;
  private readonly keys: { balances: string; ids: string };
  private readonly checkpointKey: string;

  constructor(
    @Inject(REDIS_CLIENT) redis: Redis,
    @Inject(REDIS_KEY_PREFIX) keyPrefix: string,
    private readonly runner: ProjectionRunner,
  ) {
    if (!('readAccountBalances' in redis)) redis.defineCommand('readAccountBalances', { numberOfKeys: 1, lua: READ });
    this.redis = redis as ReadingRedis;
    this.keys = redisBalanceKeys(keyPrefix);
    this.checkpointKey = checkpointKeyOf(keyPrefix, REDIS_ACCOUNT_BALANCES);
  }

  /** One account (`accountId`) or a page of accounts after `after`. @throws StoreUnavailableError when Redis does not answer. */
  async read(query: { accountId?: string; after?: string; limit: number; minPosition?: number }): Promise<ProjectionRead<AccountBalancesView>> {
    await this.runner.awaitReadable(REDIS_ACCOUNT_BALANCES, query.minPosition);
    let reply: [string[], string[], Array<string | null>];
    try {
      reply = await this.redis.readAccountBalances(this.checkpointKey, this.keys.balances, this.keys.ids, query.accountId ?? '', query.after ?? '', String(query.limit));
    } catch (error) {
      throw new StoreUnavailableError(`Redis does not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    const [flatCheckpoint, ids, values] = reply;
    const stored: Record<string, string> = {};
    for (let i = 0; i < flatCheckpoint.length; i += 2) stored[flatCheckpoint[i]] = flatCheckpoint[i + 1];
    const checkpoint = checkpointOf(REDIS_ACCOUNT_BALANCES, stored);
    const balances: AccountBalancesView['balances'] = {};
    ids.forEach((id, index) => {
      const value = values[index];
      if (!value) return;
      const entry = JSON.parse(value) as RedisBalanceEntry;
      balances[id] = { balance: toMajorUnits(entry.balance), lastUpdated: entry.lastUpdated, isActive: entry.isActive === 1 };
    });
    return {
      name: REDIS_ACCOUNT_BALANCES,
      lastProcessedEvent: checkpoint?.eventId ?? null,
      lastProcessedVersion: checkpoint?.position ?? 0,
      data: { balances },
    };
  }
}
