import { DomainError } from '../../common/errors/domain-error.js';

/**
 * `GET /health` found a dependency down (or the service shutting down): 503 STORE_UNAVAILABLE, with
 * each check's state in `checks`.
 */
export class HealthCheckFailedError extends DomainError {
  readonly code = 'STORE_UNAVAILABLE' as const;

  constructor(message: string, checks: Record<string, unknown>) {
    super(message, { checks });
  }
}
