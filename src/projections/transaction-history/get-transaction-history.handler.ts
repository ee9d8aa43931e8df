import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { toMajorUnits } from '../../common/money/money.js';
import { type ProjectionRead, ProjectionReads } from '../projection-reads.js';
import { GetTransactionHistoryQuery } from './get-transaction-history.query.js';
import { TRANSACTION_HISTORY, type TransactionRow } from './transaction-history.projection.js';
import type { TransactionHistoryView } from './transaction-history.view.js';

@QueryHandler(GetTransactionHistoryQuery)
export class GetTransactionHistoryHandler
  implements IQueryHandler<GetTransactionHistoryQuery, ProjectionRead<TransactionHistoryView>>
{
  constructor(private readonly reads: ProjectionReads) {}

  execute(query: GetTransactionHistoryQuery): Promise<ProjectionRead<TransactionHistoryView>> {
    return this.reads.read(TRANSACTION_HISTORY, query.minPosition, async (table, store) => {
      const columns = `SELECT position, event_id, account_id, type, amount, balance_after, timestamp, transfer_id
        FROM ${table('transaction_history')}`;
      const rows =
        query.accountId !== undefined
          ? await store.queryReadModel<TransactionRow>(`${columns} WHERE account_id = ? AND position > ? ORDER BY position LIMIT ?`, [
              query.accountId,
              query.after,
              query.limit,
            ])
          : await store.queryReadModel<TransactionRow>(`${columns} WHERE position > ? ORDER BY position LIMIT ?`, [query.after, query.limit]);
      return {
        transactions: rows.map((row) => ({
          eventId: row.event_id,
          position: Number(row.position),
          accountId: row.account_id,
          type: row.type,
          amount: toMajorUnits(Number(row.amount)),
          balanceAfter: toMajorUnits(Number(row.balance_after)),
          timestamp: Number(row.timestamp),
          ...(row.transfer_id === null ? {} : { transferId: row.transfer_id }),
        })),
      };
    });
  }
}
