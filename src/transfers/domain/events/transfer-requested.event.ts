import { toMajorUnits, toMinorUnits } from '../../../common/money/money.js';
import type { TransferEvent } from './transfer-event.js';

/**
 * A transfer began: its amount has been withdrawn from the source. Stored as `TransferRequested`
 * `{fromAccountId, toAccountId, amount}`.
 */
export class TransferRequested implements TransferEvent {
  static readonly eventType = 'TransferRequested';
  static readonly schemaVersion = 1;

  constructor(
    readonly transferId: string,
    readonly fromAccountId: string,
    readonly toAccountId: string,
    /** Minor units. */
    readonly amount: number,
    readonly occurredAt: number,
  ) {}

  toData(): Record<string, unknown> {
    return { fromAccountId: this.fromAccountId, toAccountId: this.toAccountId, amount: toMajorUnits(this.amount) };
  }

  static fromData(transferId: string, data: Record<string, unknown>, occurredAt: number): TransferRequested {
    return new TransferRequested(transferId, String(data.fromAccountId), String(data.toAccountId), toMinorUnits(Number(data.amount)), occurredAt);
  }
}
