import { DomainError } from '../../../common/errors/domain-error.js';
import { toMajorUnits } from '../../../common/money/money.js';

/** Only an account with a balance of exactly 0 can be closed. */
export class BalanceNotZeroError extends DomainError {
  readonly code = 'BALANCE_NOT_ZERO' as const;

  constructor(accountId: string, balanceMinor: number) {
    super(`Account ${accountId} has a balance of ${toMajorUnits(balanceMinor)}; withdraw it before closing`);
  }
}
