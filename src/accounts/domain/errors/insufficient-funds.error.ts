import { DomainError } from '../../../common/errors/domain-error.js';
import { toMajorUnits } from '../../../common/money/money.js';

/** A withdrawal larger than the balance. */
export class InsufficientFundsError extends DomainError {
  readonly code = 'INSUFFICIENT_FUNDS' as const;

  constructor(accountId: string, balanceMinor: number, amountMinor: number) {
    super(
      `Account ${accountId} has a balance of ${toMajorUnits(balanceMinor)}, less than the ${toMajorUnits(amountMinor)} requested`,
    );
  }
}
