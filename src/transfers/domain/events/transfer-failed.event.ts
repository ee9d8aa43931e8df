import type { TransferEvent } from './transfer-event.js';

/** The target refused the deposit and the source got its money back. Stored as `TransferFailed` `{reason}`. */
export class TransferFailed implements TransferEvent {
  static readonly eventType = 'TransferFailed';
  static readonly schemaVersion = 1;

  constructor(
    readonly transferId: string,
    readonly reason: string,
    readonly occurredAt: number,
  ) {}

  toData(): Record<string, unknown> {
    return { reason: this.reason };
  }

  static fromData(transferId: string, data: Record<string, unknown>, occurredAt: number): TransferFailed {
    return new TransferFailed(transferId, String(data.reason), occurredAt);
  }
}
