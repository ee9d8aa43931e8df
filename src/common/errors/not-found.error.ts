import { DomainError } from './domain-error.js';

/** A route or resource that does not exist. */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;

  constructor(message = 'Resource not found') {
    super(message);
  }
}
