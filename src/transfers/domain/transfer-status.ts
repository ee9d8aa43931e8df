/** Where a transfer stands: `pending` until the target's deposit or the source's refund is made. */
export type TransferStatus = 'pending' | 'completed' | 'failed';
