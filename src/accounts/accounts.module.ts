import { Module, type OnModuleInit } from '@nestjs/common';
import { CLOCK, SystemClock } from '../common/clock/clock.js';
import { IdempotencyGate } from '../common/idempotency/idempotency.gate.js';
import { AccountCommandsController } from './account-commands.controller.js';
import { AccountQueriesController } from './account-queries.controller.js';
import { EventUpcasters } from '../eventstore/upcasting/event-upcasters.js';
import { ConfigurableAccountsModule } from './accounts.options.js';
import { BankAccountRepository } from './bank-account.repository.js';
import { AccountCommandExecutor } from './commands/account-command.executor.js';
import { CloseAccountHandler } from './commands/close-account/close-account.handler.js';
import { DepositMoneyHandler } from './commands/deposit-money/deposit-money.handler.js';
import { OpenAccountHandler } from './commands/open-account/open-account.handler.js';
import { WithdrawMoneyHandler } from './commands/withdraw-money/withdraw-money.handler.js';
import { LEGACY_ACCOUNT_EVENT_UPCASTERS } from './domain/events/legacy-account-event.upcasters.js';
import { GetAccountHandler } from './queries/get-account/get-account.handler.js';
import { GetAccountEventsHandler } from './queries/get-account-events/get-account-events.handler.js';
import { GetAccountSnapshotHandler } from './queries/get-account-snapshot/get-account-snapshot.handler.js';

/**
 * The BankAccount feature: commands, queries and their routes, and the upcasters of its older event
 * shapes (registered with the store's EventUpcasters). Needs the host to import
 * `CqrsModule.forRoot()` and to pass the EventStoreModule in `imports`:
 *
 * ```ts
 * const store = EventStoreModule.forRoot({ driver: 'sqlite', sqlitePath: './data/bank.sqlite' });
 * @Module({ imports: [CqrsModule.forRoot(), store, AccountsModule.forRoot({ imports: [store], snapshotEvery: 10 })] })
 * ```
 */
@Module({
  controllers: [AccountCommandsController, AccountQueriesController],
  providers: [
    { provide: CLOCK, useClass: SystemClock },
    BankAccountRepository,
    AccountCommandExecutor,
    IdempotencyGate,
    OpenAccountHandler,
    DepositMoneyHandler,
    WithdrawMoneyHandler,
    CloseAccountHandler,
    GetAccountHandler,
    GetAccountEventsHandler,
    GetAccountSnapshotHandler,
  ],
  exports: [BankAccountRepository, AccountCommandExecutor],
})
export class AccountsModule extends ConfigurableAccountsModule implements OnModuleInit {
  constructor(private readonly upcasters: EventUpcasters) {
    super();
  }

  /** Before anything reads the log: the store reads older BankAccount event shapes as current ones. */
  onModuleInit(): void {
    this.upcasters.register(...LEGACY_ACCOUNT_EVENT_UPCASTERS);
  }
}
