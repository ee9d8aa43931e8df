import { Module } from '@nestjs/common';
import { CLOCK, SystemClock } from '../common/clock/clock.js';
import { IdempotencyGate } from '../common/idempotency/idempotency.gate.js';
import { TransferMoneyHandler } from './commands/transfer-money/transfer-money.handler.js';
import { GetTransferHandler } from './queries/get-transfer/get-transfer.handler.js';
import { IMPORT_PREPARATION } from '../events/commands/import-events/import-preparation.js';
import { TransferLegsOfImport } from './transfer-legs-of-import.js';
import { TransferProcessManager } from './transfer-process-manager.js';
import { TransferRepository } from './transfer.repository.js';
import { TransfersController } from './transfers.controller.js';
import { ConfigurableTransfersModule } from './transfers.options.js';

/**
 * Transfers between accounts: the command, the query, and the process manager that finishes them from
 * the event log. Needs the EventStoreModule and AccountsModule in `imports`, and ProjectionsModule in
 * the application (its runner drives the process manager):
 *
 * ```ts
 * const transfers = TransfersModule.forRoot({ imports: [store, accounts] });
 * EventsModule.forRoot({ imports: [store, transfers] })   // imports then keep the transfer legs they bring
 * ```
 */
@Module({
  controllers: [TransfersController],
  providers: [
    { provide: CLOCK, useClass: SystemClock },
    IdempotencyGate,
    TransferRepository,
    TransferMoneyHandler,
    GetTransferHandler,
    TransferProcessManager,
    { provide: IMPORT_PREPARATION, useClass: TransferLegsOfImport },
  ],
  exports: [IMPORT_PREPARATION],
})
export class TransfersModule extends ConfigurableTransfersModule {}
