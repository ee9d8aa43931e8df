import type { TransferEvent } from './transfer-event.js';

/** The amount reached the target account. Stored as `TransferCompleted` `{}`. */
export class TransferCompleted implements TransferEvent {
  static readonly eventType = 'TransferCompleted';
  static readonly schemaVersion = 1;

  constructor(
    readonly transferId: string,
    readonly occurredAt: number,
  ) {}

  toData(): Record<string, unknown> {
    return {};
  }

  static fromData(transferId: string, _data: Record<string, unknown>, occurredAt: number): TransferCompleted {
    return new TransferCompleted(transferId, occurredAt);
  }
}
