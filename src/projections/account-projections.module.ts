import { Module } from '@nestjs/common';
import { AccountBalancesProjection } from './account-balances/account-balances.projection.js';
import { GetAccountBalancesHandler } from './account-balances/get-account-balances.handler.js';
import { RebuildProjectionHandler } from './commands/rebuild-projection/rebuild-projection.handler.js';
import { DailySummaryProjection } from './daily-summary/daily-summary.projection.js';
import { GetDailySummaryHandler } from './daily-summary/get-daily-summary.handler.js';
import { ConfigurableAccountProjectionsModule } from './account-projections.options.js';
import { ProjectionsController } from './projections.controller.js';
import { GetProjectionStatusHandler } from './queries/get-projection-status/get-projection-status.handler.js';
import { ListProjectionsHandler } from './queries/list-projections/list-projections.handler.js';
import { GetTransactionHistoryHandler } from './transaction-history/get-transaction-history.handler.js';
import { TransactionHistoryProjection } from './transaction-history/transaction-history.projection.js';

/**
 * The account read models (AccountBalances, TransactionHistory, DailySummary) and the `/projections`
 * routes: status of every projection the runner runs (a host's included), the account reads, and
 * rebuilds. Pass the EventStoreModule and ProjectionsModule in `imports`. With `redis: true` (and the
 * RedisModule in `imports`) AccountBalances is also kept in Redis, readable with `?source=redis`.
 */
@Module({
  controllers: [ProjectionsController],
  providers: [
    AccountBalancesProjection,
    TransactionHistoryProjection,
    DailySummaryProjection,
    ListProjectionsHandler,
    GetProjectionStatusHandler,
    RebuildProjectionHandler,
    GetAccountBalancesHandler,
    GetTransactionHistoryHandler,
    GetDailySummaryHandler,
  ],
})
export class AccountProjectionsModule extends ConfigurableAccountProjectionsModule {}
