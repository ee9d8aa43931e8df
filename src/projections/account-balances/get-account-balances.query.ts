import { Query } from '@nestjs/cqrs';
import type { ProjectionRead } from '../projection-reads.js';
import type { AccountBalancesView } from './account-balances.view.js';

/** One account's balance, or a page of balances in account id order after `after`. */
export class GetAccountBalancesQuery extends Query<ProjectionRead<AccountBalancesView>> {
  constructor(
    readonly accountId: string | undefined,
    readonly after: string | undefined,
    readonly limit: number,
    readonly minPosition: number | undefined,
    /** Which copy to read: the SQL read model or the Redis one (default: the module's `accountBalancesSource`). */
    readonly source?: 'sql' | 'redis',
  ) {
    super();
  }
}
