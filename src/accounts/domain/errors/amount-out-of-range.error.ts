import { DomainError } from '../../../common/errors/domain-error.js';

/** The balance would exceed what the service holds exactly (2^53 - 1 minor units). */
export class AmountOutOfRangeError extends DomainError {
  readonly code = 'AMOUNT_OUT_OF_RANGE' as const;

  constructor(accountId: string) {
    super(`The balance of account ${accountId} would exceed the largest amount the service can hold exactly`);
  }
}
