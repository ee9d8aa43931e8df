import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountCommandExecutor } from '../../../accounts/commands/account-command.executor.js';
import { AccountNotFoundError } from '../../../accounts/domain/errors/account-not-found.error.js';
import { CLOCK, type Clock } from '../../../common/clock/clock.js';
import type { CommandContext } from '../../../eventsourcing/command-context.js';
import { IdempotencyKeyTakenError, WrongExpectedVersionError } from '../../../eventstore/event-store.errors.js';
import { EVENT_STORE, type EventStore } from '../../../eventstore/event-store.port.js';
import { newEventId } from '../../../eventstore/event-id.js';
import type { IdempotencyRecord } from '../../../eventstore/idempotency-record.js';
import { saveIdempotencyRecordOnce } from '../../../common/idempotency/save-idempotency-record-once.js';
import { SameAccountError } from '../../domain/errors/same-account.error.js';
import { TransferIdReusedError } from '../../domain/errors/transfer-id-reused.error.js';
import { Transfer } from '../../domain/transfer.aggregate.js';
import { legKey, transferFingerprint, transferIdOfKey } from '../../transfer-legs.js';
import { TransferRepository } from '../../transfer.repository.js';
import type { TransferAccepted } from './transfer-accepted.js';
import { TransferMoneyCommand } from './transfer-money.command.js';

/**
 * Starts a transfer: withdraws the amount from the source (refused at once, appending nothing, when the
 * source is missing, closed or short of funds), records the transfer, and answers 202 `pending`. The
 * withdrawal carries the target; from there TransferProcessManager, reading the log, deposits to the
 * target or refunds the source, so a process killed at any point finishes the transfer after restart.
 *
 * The withdrawal is appended with the transfer's withdrawal-leg key, so a transfer id withdraws once:
 * a repeat with the same accounts and amount answers with the transfer, with others 409.
 */
@CommandHandler(TransferMoneyCommand)
export class TransferMoneyHandler implements ICommandHandler<TransferMoneyCommand, TransferAccepted> {
  constructor(
    private readonly executor: AccountCommandExecutor,
    private readonly transfers: TransferRepository,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: TransferMoneyCommand): Promise<TransferAccepted> {
    const { fromAccountId, toAccountId, amount, context } = command;
    if (fromAccountId === toAccountId) throw new SameAccountError(fromAccountId);
    const transferId = command.transferId ?? (context.idempotency ? transferIdOfKey(context.idempotency.key) : newEventId());
    const fingerprint = transferFingerprint(fromAccountId, toAccountId, amount);
    const withdrawalKey = legKey(transferId, 'withdrawal');

    const earlier = await this.store.findIdempotencyRecord(withdrawalKey);
    if (earlier) return this.existing(transferId, earlier, fingerprint);
    try {
      await this.executor.execute({
        accountId: fromAccountId,
        context: { ...context, idempotency: { key: withdrawalKey, fingerprint } },
        successStatus: 202,
        decide: (account, now) => {
          if (!account) throw new AccountNotFoundError(fromAccountId);
          account.withdraw(amount, now, { transferId, toAccountId });
          return account;
        },
      });
    } catch (error) {
      if (!(error instanceof IdempotencyKeyTakenError)) throw error;
      return this.existing(transferId, await this.store.findIdempotencyRecord(withdrawalKey), fingerprint);
    }
    await this.record(Transfer.request(transferId, fromAccountId, toAccountId, amount, this.clock.now()), context);
    const accepted: TransferAccepted = { transferId, status: 'pending' };
    if (context.idempotency) await this.rememberClientKey(context.idempotency, accepted);
    return accepted;
  }

  /**
   * Starts the transfer's stream. The process manager, reacting to the withdrawal, may have recorded it
   * first: the record is the same, so the conflict is fine.
   */
  private async record(transfer: Transfer, context: CommandContext): Promise<void> {
    try {
      await this.transfers.save(transfer, { context });
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
  }

  /** A transfer whose withdrawal was made before: the same transfer is answered, another one refused. */
  private async existing(transferId: string, withdrawal: IdempotencyRecord | null, fingerprint: string): Promise<TransferAccepted> {
    if (!withdrawal || withdrawal.fingerprint !== fingerprint) throw new TransferIdReusedError(transferId);
    const transfer = await this.transfers.load(transferId);
    return { transferId, status: transfer?.status ?? 'pending' };
  }

  /** The client's Idempotency-Key answers the first response from now on (IdempotencyGate replays it). */
  private rememberClientKey(idempotency: { key: string; fingerprint: string }, accepted: TransferAccepted): Promise<void> {
    return saveIdempotencyRecordOnce(this.store, { ...idempotency, statusCode: 202, body: accepted, createdAt: this.clock.now() });
  }
}
