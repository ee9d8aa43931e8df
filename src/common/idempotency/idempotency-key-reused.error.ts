import { DomainError } from '../errors/domain-error.js';

/** An `Idempotency-Key` sent again with another route or body. */
export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED' as const;

  constructor(key: string) {
    super(`Idempotency-Key ${key} was already used for a different request`);
  }
}
