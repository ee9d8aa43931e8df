import { DomainError } from './domain-error.js';

/** The event store could not be reached or is busy beyond its timeout. */
export class StoreUnavailableError extends DomainError {
  readonly code = 'STORE_UNAVAILABLE' as const;

  constructor(message = 'The event store is unavailable; retry later') {
    super(message);
  }
}
