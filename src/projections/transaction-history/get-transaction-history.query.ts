import { Query } from '@nestjs/cqrs';
import type { ProjectionRead } from '../projection-reads.js';
import type { TransactionHistoryView } from './transaction-history.view.js';

/** A page of transactions in position order after `after`, of one account or all. */
export class GetTransactionHistoryQuery extends Query<ProjectionRead<TransactionHistoryView>> {
  constructor(
    readonly accountId: string | undefined,
    readonly after: number,
    readonly limit: number,
    readonly minPosition: number | undefined,
  ) {
    super();
  }
}
