import { DomainError } from '../../../common/errors/domain-error.js';

/** `POST /events/import` on a service that runs without `ADMIN_TOKEN`: import needs the admin token. */
export class ImportDisabledError extends DomainError {
  readonly code = 'UNAUTHORIZED' as const;

  constructor() {
    super('Import is refused: the service runs without ADMIN_TOKEN, and only the admin token may import events');
  }
}
