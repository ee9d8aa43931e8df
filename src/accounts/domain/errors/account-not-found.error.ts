import { DomainError } from '../../../common/errors/domain-error.js';

/** No account with this id exists (or existed at the requested point in time). */
export class AccountNotFoundError extends DomainError {
  readonly code = 'ACCOUNT_NOT_FOUND' as const;

  constructor(readonly accountId: string) {
    super(`Account ${accountId} not found`);
  }
}
