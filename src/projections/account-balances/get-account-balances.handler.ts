import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { toMajorUnits } from '../../common/money/money.js';
import { type ProjectionRead, ProjectionReads } from '../projection-reads.js';
import { ACCOUNT_BALANCES, type AccountBalanceRow } from './account-balances.projection.js';
import type { AccountBalancesView } from './account-balances.view.js';
import { GetAccountBalancesQuery } from './get-account-balances.query.js';

@QueryHandler(GetAccountBalancesQuery)
export class GetAccountBalancesHandler implements IQueryHandler<GetAccountBalancesQuery, ProjectionRead<AccountBalancesView>> {
  constructor(private readonly reads: ProjectionReads) {}

  execute(query: GetAccountBalancesQuery): Promise<ProjectionRead<AccountBalancesView>> {
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
