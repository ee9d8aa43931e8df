/** One transaction of `GET /projections/TransactionHistory` (major units). */
export interface TransactionHistoryEntry {
  eventId: string;
  position: number;
  accountId: string;
  type: 'deposit' | 'withdrawal';
  amount: number;
  balanceAfter: number;
  timestamp: number;
  transferId?: string;
}

export interface TransactionHistoryView {
  transactions: TransactionHistoryEntry[];
}
