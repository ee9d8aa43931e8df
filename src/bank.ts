/**
 * The bank service built on the toolkit: its feature modules (accounts, transfers, the account read
 * models and `/projections` routes, the events API, stats, operations), its domain, and the application
 * module and HTTP set-up that `main.ts` runs.
 */
export { AccountsModule } from './accounts/accounts.module.js';
export { ACCOUNTS_OPTIONS, type AccountsModuleOptions } from './accounts/accounts.options.js';
export { BankAccountRepository } from './accounts/bank-account.repository.js';
export { AccountCommandExecutor, type AccountCommandRun } from './accounts/commands/account-command.executor.js';
export type { AccountCommandResult } from './accounts/commands/account-command.result.js';
export { BankAccount } from './accounts/domain/bank-account.aggregate.js';
export { BANK_ACCOUNT } from './accounts/domain/bank-account.definition.js';
export { BANK_ACCOUNT_STATE_SCHEMA_VERSION, type BankAccountState } from './accounts/domain/bank-account-state.js';
export { AccountClosed } from './accounts/domain/events/account-closed.event.js';
export type { AccountEvent } from './accounts/domain/events/account-event.js';
export { ACCOUNT_EVENT_REGISTRY } from './accounts/domain/events/account-event-registry.js';
export { AccountOpened } from './accounts/domain/events/account-opened.event.js';
export { LEGACY_ACCOUNT_EVENT_UPCASTERS } from './accounts/domain/events/legacy-account-event.upcasters.js';
export { MoneyDeposited } from './accounts/domain/events/money-deposited.event.js';
export { MoneyMoved, type TransferLeg } from './accounts/domain/events/money-moved.event.js';
export { MoneyWithdrawn } from './accounts/domain/events/money-withdrawn.event.js';
export { AppModule } from './app.module.js';
export { configureApp } from './app.setup.js';
export { CLOCK, type Clock, SystemClock } from './common/clock/clock.js';
export { DomainError } from './common/errors/domain-error.js';
export { ERROR_HTTP_STATUS, type ErrorCode } from './common/errors/error-code.js';
export { HttpErrorFilter } from './common/errors/http-error.filter.js';
export { createValidationPipe } from './common/http/validation.pipe.js';
export { APP_CONFIG, type AppConfig } from './config/app-config.js';
export { AppConfigModule, type AppConfigModuleOptions } from './config/app-config.module.js';
export { DashboardModule } from './dashboard/dashboard.module.js';
export { EventsModule } from './events/events.module.js';
export { EVENTS_OPTIONS, type EventsModuleOptions } from './events/events.options.js';
export { OperationsModule } from './operations/operations.module.js';
export { AccountProjectionsModule } from './projections/account-projections.module.js';
export { ACCOUNT_PROJECTIONS_OPTIONS, type AccountProjectionsModuleOptions } from './projections/account-projections.options.js';
export { RedisAccountBalancesProjection, REDIS_ACCOUNT_BALANCES } from './projections/account-balances/redis-account-balances.projection.js';
export { AccountBalancesProjection } from './projections/account-balances/account-balances.projection.js';
export { DailySummaryProjection } from './projections/daily-summary/daily-summary.projection.js';
export { TransactionHistoryProjection } from './projections/transaction-history/transaction-history.projection.js';
export { StatsModule } from './stats/stats.module.js';
export { StatsProjection } from './stats/stats.projection.js';
export { Transfer } from './transfers/domain/transfer.aggregate.js';
export { TRANSFER } from './transfers/domain/transfer.definition.js';
export type { TransferStatus } from './transfers/domain/transfer-status.js';
export { TransferProcessManager } from './transfers/transfer-process-manager.js';
export { TransferRepository } from './transfers/transfer.repository.js';
export { TransfersModule } from './transfers/transfers.module.js';
