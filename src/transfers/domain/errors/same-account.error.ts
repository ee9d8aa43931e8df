import { DomainError } from '../../../common/errors/domain-error.js';

/** A transfer whose source and target are one account. */
export class SameAccountError extends DomainError {
  readonly code = 'SAME_ACCOUNT' as const;

  constructor(accountId: string) {
    super(`A transfer needs two different accounts; both are ${accountId}`);
  }
}
