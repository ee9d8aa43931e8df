import { DomainError } from '../../common/errors/domain-error.js';

/** The request lacks the bearer token its route needs (only when tokens are configured). */
export class UnauthorizedError extends DomainError {
  readonly code = 'UNAUTHORIZED' as const;

  constructor() {
    super('Missing or invalid bearer token');
  }
}
