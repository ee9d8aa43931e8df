/** `data` of `GET /projections/AccountBalances` (major units). */
export interface AccountBalancesView {
  balances: Record<string, { balance: number; lastUpdated: number; isActive: boolean }>;
}
