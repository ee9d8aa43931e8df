import type { TransferStatus } from '../../domain/transfer-status.js';

/** `GET /queries/transfers/{transferId}` (SPEC 2); money in major units. */
export interface TransferView {
  transferId: string;
  fromAccountId: string;
  toAccountId: string;
  amount: number;
  status: TransferStatus;
  reason?: string;
}
