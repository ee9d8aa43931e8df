import { DomainError } from '../../../common/errors/domain-error.js';

/** No transfer with this id exists. */
export class TransferNotFoundError extends DomainError {
  readonly code = 'TRANSFER_NOT_FOUND' as const;

  constructor(transferId: string) {
    super(`Transfer ${transferId} not found`);
  }
}
