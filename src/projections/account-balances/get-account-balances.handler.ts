import { Inject, Optional } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ValidationFailedError } from '../../common/errors/validation-failed.error.js';
import { toMajorUnits } from '../../common/money/money.js';
import { ACCOUNT_PROJECTIONS_OPTIONS, type AccountProjectionsModuleOptions } from '../account-projections.options.js';
import { type ProjectionRead, ProjectionReads } from '../projection-reads.js';
import { ACCOUNT_BALANCES, type AccountBalanceRow } from './account-balances.projection.js';
import type { AccountBalancesView } from './account-balances.view.js';
import { GetAccountBalancesQuery } from './get-account-balances.query.js';
import { RedisAccountBalancesReader } from './redis-account-balances.reader.js';

@QueryHandler(GetAccountBalancesQuery)
export class GetAccountBalancesHandler implements IQueryHandler<GetAccountBalancesQuery, ProjectionRead<AccountBalancesView>> {
  constructor(
    private readonly reads: ProjectionReads,
    @Inject(ACCOUNT_PROJECTIONS_OPTIONS) private readonly options: AccountProjectionsModuleOptions,
    @Optional() private readonly redis?: RedisAccountBalancesReader,
  ) {}

  execute(query: GetAccountBalancesQuery): Promise<ProjectionRead<AccountBalancesView>> {
    if ((query.source ?? this.options.accountBalancesSource ?? 'sql') === 'redis') {
      if (!this.redis) {
        throw new ValidationFailedError('source=redis needs the service to run with REDIS_URL', [
          { field: 'source', problems: ['redis is not configured (REDIS_URL)'] },
        ]);
      }
      return this.redis.read(query);
    }
    return this.reads.read(ACCOUNT_BALANCES, query.minPosition, async (table, store) => {
      const columns = `SELECT account_id, balance, is_active, last_updated FROM ${table('account_balances')}`;
      const rows =
        query.accountId !== undefined
          ? await store.queryReadModel<AccountBalanceRow>(`${columns} WHERE account_id = ?`, [query.accountId])
          : await store.queryReadModel<AccountBalanceRow>(`${columns} WHERE account_id > ? ORDER BY account_id LIMIT ?`, [
              query.after ?? '',
              query.limit,
            ]);
      const balances: AccountBalancesView['balances'] = {};
      for (const row of rows) {
        balances[row.account_id] = {
          balance: toMajorUnits(Number(row.balance)),
          lastUpdated: Number(row.last_updated),
          isActive: Number(row.is_active) === 1,
        };
      }
      return { balances };
    });
  }
}
