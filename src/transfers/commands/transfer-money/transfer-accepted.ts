import type { TransferStatus } from '../../domain/transfer-status.js';

/** The answer to a transfer request (202): its id, and where it stands. */
export interface TransferAccepted {
  transferId: string;
  status: TransferStatus;
}
