import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CLOCK, SystemClock } from '../common/clock/clock.js';
import { AccountBalancesProjection } from './account-balances/account-balances.projection.js';
import { GetAccountBalancesHandler } from './account-balances/get-account-balances.handler.js';
import { RebuildProjectionHandler } from './commands/rebuild-projection/rebuild-projection.handler.js';
import { DailySummaryProjection } from './daily-summary/daily-summary.projection.js';
import { GetDailySummaryHandler } from './daily-summary/get-daily-summary.handler.js';
import { ProjectionReads } from './projection-reads.js';
import { ProjectionRunner } from './projection-runner.js';
import { ProjectionsController } from './projections.controller.js';
import { ConfigurableProjectionsModule } from './projections.options.js';
import { GetProjectionStatusHandler } from './queries/get-projection-status/get-projection-status.handler.js';
import { ListProjectionsHandler } from './queries/list-projections/list-projections.handler.js';
import { GetTransactionHistoryHandler } from './transaction-history/get-transaction-history.handler.js';
import { TransactionHistoryProjection } from './transaction-history/transaction-history.projection.js';

/**
 * The projection runner, the account read models (AccountBalances, TransactionHistory, DailySummary)
 * and their routes. The runner also runs every `@AsyncProjection()` provider of the host application.
 * Exports the runner and `ProjectionReads` so other features can read their projections consistently.
 */
@Module({
  imports: [DiscoveryModule],
  controllers: [ProjectionsController],
  providers: [
    { provide: CLOCK, useClass: SystemClock },
    ProjectionRunner,
    ProjectionReads,
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
  exports: [ProjectionRunner, ProjectionReads],
})
export class ProjectionsModule extends ConfigurableProjectionsModule {}
