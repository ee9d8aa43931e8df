/** A deposit or withdrawal as the account query shows it (major units). */
export interface TransactionView {
  type: 'deposit' | 'withdrawal';
  amount: number;
  timestamp: number;
  version: number;
  eventId: string;
  transferId?: string;
}

/** The account query's answer (the seed's shape). */
export interface AccountView {
  id: string;
  version: number;
  balance: number;
  isActive: boolean;
  transactionCount: number;
  transactions: TransactionView[];
  openedAt: number;
  closedAt?: number;
}
