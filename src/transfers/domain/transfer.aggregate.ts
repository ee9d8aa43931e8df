import { EventSourcedAggregate } from '../../eventsourcing/event-sourced-aggregate.js';
import type { TransferEvent } from './events/transfer-event.js';
import { TransferCompleted } from './events/transfer-completed.event.js';
import { TransferFailed } from './events/transfer-failed.event.js';
import { TransferRequested } from './events/transfer-requested.event.js';
import type { TransferStatus } from './transfer-status.js';

/**
 * A transfer between two accounts: the record of the saga that moves its money (TransferProcessManager).
 * The money itself moves in the accounts' streams; this stream says what was asked and how it ended.
 * Ending it twice changes nothing, so the process manager may repeat a step.
 */
export class Transfer extends EventSourcedAggregate<TransferEvent> {
  static readonly aggregateType = 'Transfer';

  fromAccountId = '';
  toAccountId = '';
  /** Minor units. */
  amount = 0;
  status: TransferStatus = 'pending';
  reason: string | undefined;

  static request(id: string, fromAccountId: string, toAccountId: string, amount: number, now: number): Transfer {
    const transfer = new Transfer(id);
    transfer.apply(new TransferRequested(id, fromAccountId, toAccountId, amount, now));
    return transfer;
  }

  /** The deposit reached the target. No change unless pending. */
  complete(now: number): void {
    if (this.status === 'pending') this.apply(new TransferCompleted(this.id, now));
  }

  /** The target refused and the source was refunded. No change unless pending. */
  fail(reason: string, now: number): void {
    if (this.status === 'pending') this.apply(new TransferFailed(this.id, reason, now));
  }

  protected onTransferRequested(event: TransferRequested): void {
    this.fromAccountId = event.fromAccountId;
    this.toAccountId = event.toAccountId;
    this.amount = event.amount;
  }

  protected onTransferCompleted(): void {
    this.status = 'completed';
  }

  protected onTransferFailed(event: TransferFailed): void {
    this.status = 'failed';
    this.reason = event.reason;
  }
}
