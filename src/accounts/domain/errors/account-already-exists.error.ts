import { DomainError } from '../../../common/errors/domain-error.js';

/** An account with this id was already opened. */
export class AccountAlreadyExistsError extends DomainError {
  readonly code = 'ACCOUNT_ALREADY_EXISTS' as const;

  constructor(readonly accountId: string) {
    super(`Account ${accountId} already exists`);
  }
}
