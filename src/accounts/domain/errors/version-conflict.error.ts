import { DomainError } from '../../../common/errors/domain-error.js';

/** The client's `expectedVersion` is not the account's current version. */
export class VersionConflictError extends DomainError {
  readonly code = 'VERSION_CONFLICT' as const;

  constructor(accountId: string, expectedVersion: number, currentVersion: number) {
    super(`Account ${accountId} is at version ${currentVersion}, not the expected ${expectedVersion}`, { currentVersion });
  }
}
