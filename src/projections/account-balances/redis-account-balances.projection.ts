import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { StoredEvent } from '../../eventstore/event-envelope.js';
import { REDIS_CLIENT, REDIS_KEY_PREFIX } from '../../redis/redis-client.js';
import { RedisProjectionTarget } from '../../redis/redis-projection-target.js';
import type { RedisWrite } from '../../redis/redis-write.js';
import { AsyncProjection } from '../async-projection.decorator.js';
import type { Projection, TableNamer } from '../projection.js';
import { type AccountBalanceRow, BALANCE_EVENT_TYPES, evolveAccountBalance } from './account-balance.js';

/** Name of the Redis copy of AccountBalances (its checkpoint, and its entry in `GET /projections`). */
export const REDIS_ACCOUNT_BALANCES = 'RedisAccountBalances';

/** An account's entry as the Redis hash keeps it (JSON): minor units, 0/1, milliseconds. */
export interface RedisBalanceEntry {
  balance: number;
  isActive: number;
  lastUpdated: number;
}

/** The Redis keys of the read model, before the generation suffix: the entries hash and the id index. */
export function redisBalanceKeys(keyPrefix: string): { balances: string; ids: string } {
  return { balances: `${keyPrefix}${REDIS_ACCOUNT_BALANCES}:balances`, ids: `${keyPrefix}${REDIS_ACCOUNT_BALANCES}:ids` };
}

/**
 * AccountBalances kept in Redis: a hash of each account's entry (`<prefix>RedisAccountBalances:balances_g<N>`)
 * and a lexically ordered index of account ids (`...:ids_g<N>`) for paging, one copy per generation.
 * Each batch's writes commit with the projection's checkpoint in one Lua script (RedisProjectionTarget):
 * exactly once, and a rebuild fills the next generation's keys and swaps by committing the checkpoint
 * with it. The same fold as the SQL AccountBalances.
 */
@Injectable()
@AsyncProjection()
export class RedisAccountBalancesProjection implements Projection<RedisWrite> {
  readonly name = REDIS_ACCOUNT_BALANCES;
  readonly tables: readonly string[];
  readonly target: RedisProjectionTarget;
  private readonly keys: { balances: string; ids: string };

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(REDIS_KEY_PREFIX) keyPrefix: string,
  ) {
    this.keys = redisBalanceKeys(keyPrefix);
    this.tables = [this.keys.balances, this.keys.ids];
    this.target = new RedisProjectionTarget(redis, keyPrefix);
  }

  schema(): RedisWrite[] {
    return [];
  }

  async project(events: readonly StoredEvent[], table: TableNamer): Promise<RedisWrite[]> {
    const relevant = events.filter((event) => BALANCE_EVENT_TYPES.has(event.eventType));
    if (relevant.length === 0) return [];
    const balances = table(this.keys.balances);
    const ids = [...new Set(relevant.map((event) => event.aggregateId))];
    // Only this worker writes the live copy (the lease), and the commit checks the checkpoint: the
    // entries read here are those of the checkpoint the batch commits on.
    const stored = await this.redis.hmget(balances, ...ids);
    const accounts = new Map<string, AccountBalanceRow>();
    ids.forEach((id, index) => {
      const value = stored[index];
      if (value !== null) accounts.set(id, rowOf(id, JSON.parse(value) as RedisBalanceEntry));
    });
    for (const event of relevant) accounts.set(event.aggregateId, evolveAccountBalance(accounts.get(event.aggregateId), event));
    return ids.flatMap((id): RedisWrite[] => {
      const row = accounts.get(id)!;
      const entry: RedisBalanceEntry = { balance: row.balance, isActive: row.is_active, lastUpdated: row.last_updated };
      return [
        { op: 'hset', key: balances, field: id, value: JSON.stringify(entry) },
        { op: 'zadd', key: table(this.keys.ids), member: id },
      ];
    });
  }
}

function rowOf(id: string, entry: RedisBalanceEntry): AccountBalanceRow {
  return { account_id: id, balance: entry.balance, is_active: entry.isActive, last_updated: entry.lastUpdated };
}
