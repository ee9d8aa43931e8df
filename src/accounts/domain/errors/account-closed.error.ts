import { DomainError } from '../../../common/errors/domain-error.js';

/** The account is closed and accepts no command. */
export class AccountClosedError extends DomainError {
  readonly code = 'ACCOUNT_CLOSED' as const;

  constructor(readonly accountId: string) {
    super(`Account ${accountId} is closed`);
  }
}
