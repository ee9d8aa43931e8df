import { DomainError } from '../../../common/errors/domain-error.js';

/** A `transferId` sent again with other accounts or another amount: the id is the transfer's idempotency key. */
export class TransferIdReusedError extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED' as const;

  constructor(transferId: string) {
    super(`Transfer ${transferId} already exists with other accounts or another amount`);
  }
}
