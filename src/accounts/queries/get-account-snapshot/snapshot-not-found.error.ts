import { DomainError } from '../../../common/errors/domain-error.js';

/** The account exists but has no snapshot yet (it has fewer than SNAPSHOT_EVERY events). */
export class SnapshotNotFoundError extends DomainError {
  readonly code = 'SNAPSHOT_NOT_FOUND' as const;

  constructor(accountId: string) {
    super(`Account ${accountId} has no snapshot yet`);
  }
}
