import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventsHandler } from '@nestjs/cqrs';
import { AccountCommandExecutor } from '../accounts/commands/account-command.executor.js';
import { BankAccount } from '../accounts/domain/bank-account.aggregate.js';
import { AccountNotFoundError } from '../accounts/domain/errors/account-not-found.error.js';
import { MoneyDeposited } from '../accounts/domain/events/money-deposited.event.js';
import { MoneyWithdrawn } from '../accounts/domain/events/money-withdrawn.event.js';
import type { CommandContext } from '../eventsourcing/command-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { StoredEvent } from '../eventstore/event-envelope.js';
import { IdempotencyKeyTakenError } from '../eventstore/event-store.errors.js';
import { EVENT_STORE, type EventStore } from '../eventstore/event-store.port.js';
import type { SqlStatement } from '../eventstore/projection-checkpoint.js';
import { AsyncProjection } from '../projections/async-projection.decorator.js';
import { EventLogProjection } from '../projections/event-log-projection.js';
import { Transfer } from './domain/transfer.aggregate.js';
import { legKey, type TransferLegEvent, type TransferLegName, transferFingerprint, transferLegOf } from './transfer-legs.js';
import { TransferRepository } from './transfer.repository.js';

export const TRANSFER_PROCESS = 'TransferProcess';

/** Why a target's deposit may be refused for good: the transfer then fails and the source is refunded. */
const DEPOSIT_REFUSALS = new Set(['ACCOUNT_NOT_FOUND', 'ACCOUNT_CLOSED', 'AMOUNT_OUT_OF_RANGE']);

/**
 * The transfer saga (a process manager), driven from the event log by the projection runner: one
 * worker at a time across instances (the runner's lease), every event in position order, a checkpoint
 * after each batch, and a failing step retried with back-off while the process shows `faulted`.
 *
 * - A withdrawal leg (`MoneyWithdrawn` with `transferId` and `toAccountId`): records the transfer if
 *   the request did not get to, then deposits to the target; when the target refuses (missing, closed,
 *   or its balance would overflow), refunds the source with the reason instead.
 * - A deposit leg (`MoneyDeposited` with `fromAccountId`) completes the transfer; a refund (with
 *   `reason`) fails it.
 *
 * Each leg is appended with its own idempotency key in the same transaction as its event, and each
 * step first looks for the keys of what would follow: an event delivered again (after a crash between
 * a step and its checkpoint, or in a rebuild) repeats nothing, so every transfer moves its money once.
 * It writes no read-model rows: its state is the accounts' and transfers' streams.
 */
@Injectable()
@AsyncProjection()
@EventsHandler(MoneyWithdrawn, MoneyDeposited)
export class TransferProcessManager extends EventLogProjection {
  readonly name = TRANSFER_PROCESS;
  readonly tables: readonly string[] = [];
  private readonly logger = new Logger(TRANSFER_PROCESS);

  constructor(
    private readonly executor: AccountCommandExecutor,
    private readonly transfers: TransferRepository,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    super();
  }

  schema(): SqlStatement[] {
    return [];
  }

  async project(events: readonly StoredEvent[]): Promise<SqlStatement[]> {
    for (const event of events) {
      const leg = transferLegOf(event);
      if (!leg) continue;
      const at = event.metadata.timestamp;
      const context = stepContext(event);
      if (leg.leg === 'withdrawal') await this.afterWithdrawal(leg, at, context);
      // A deposit to the target completes the transfer; a refund (with its reason) fails it.
      else await this.end(leg.transferId, context, (transfer) => (leg.reason === undefined ? transfer.complete(at) : transfer.fail(leg.reason, at)));
    }
    return [];
  }

  private async afterWithdrawal(withdrawal: TransferLegEvent, at: number, context: CommandContext): Promise<void> {
    const { transferId, accountId: fromAccountId, counterpartyId: toAccountId = '', amount } = withdrawal;
    // Records the transfer unless the request did (whoever records it first wins; the record is the same).
    await this.transfers.execute(transferId, (recorded) => recorded ?? Transfer.request(transferId, fromAccountId, toAccountId, amount, at), { context });
    if ((await this.made(transferId, 'deposit')) || (await this.made(transferId, 'refund'))) return;
    const fingerprint = transferFingerprint(fromAccountId, toAccountId, amount);
    let refusal: DomainError;
    try {
      await this.leg(transferId, 'deposit', toAccountId, fingerprint, context, (account, now) => {
        if (!account) throw new AccountNotFoundError(toAccountId);
        account.deposit(amount, now, { transferId, fromAccountId });
      });
      return;
    } catch (error) {
      if (!(error instanceof DomainError) || !DEPOSIT_REFUSALS.has(error.code)) throw error;
      refusal = error;
    }
    const reason = `${refusal.code}: ${refusal.message}`;
    this.logger.log(`transfer ${transferId} failed (${reason}); refunding ${fromAccountId}`);
    await this.leg(transferId, 'refund', fromAccountId, fingerprint, context, (account, now) => {
      if (!account) throw new Error(`Account ${fromAccountId} paid transfer ${transferId} but has no stream to refund`);
      account.refund(amount, now, { transferId, reason });
    });
  }

  /** Applies `end` to the stored transfer and appends what it decided (nothing when it had ended already). */
  private async end(transferId: string, context: CommandContext, end: (transfer: Transfer) => void): Promise<void> {
    await this.transfers.execute(
      transferId,
      (transfer) => {
        if (!transfer) throw new Error(`Transfer ${transferId} has no stream to end`);
        end(transfer);
        return transfer;
      },
      { context },
    );
  }

  private async made(transferId: string, leg: TransferLegName): Promise<boolean> {
    return (await this.store.findIdempotencyRecord(legKey(transferId, leg))) !== null;
  }

  /** Appends one leg with its key; a leg already made (its key recorded meanwhile) is not made again. */
  private async leg(
    transferId: string,
    leg: TransferLegName,
    accountId: string,
    fingerprint: string,
    context: CommandContext,
    act: (account: BankAccount | null, now: number) => void,
  ): Promise<void> {
    try {
      await this.executor.execute({
        accountId,
        context: { ...context, idempotency: { key: legKey(transferId, leg), fingerprint } },
        successStatus: 200,
        decide: (account, now) => {
          act(account, now);
          return account as BankAccount;
        },
      });
    } catch (error) {
      if (!(error instanceof IdempotencyKeyTakenError)) throw error;
    }
  }
}

/** A step's events are caused by the event it reacts to, in the conversation of the original request. */
function stepContext(event: StoredEvent): CommandContext {
  return { commandId: event.id, correlationId: event.metadata.correlationId };
}
