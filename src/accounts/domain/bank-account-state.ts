/**
 * The snapshot state of a BankAccount: a fixed handful of fields whatever the length of its history
 * (transactions are read from the stream, never kept in the snapshot). Amounts in minor units.
 */
export interface BankAccountState {
  id: string;
  balance: number;
  isActive: boolean;
  transactionCount: number;
  openedAt: number;
  closedAt: number | null;
}

/** Version of {@link BankAccountState}'s shape; snapshots of another version are ignored. */
export const BANK_ACCOUNT_STATE_SCHEMA_VERSION = 1;
