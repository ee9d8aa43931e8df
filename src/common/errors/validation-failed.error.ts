import { DomainError } from './domain-error.js';

/** Input that breaks the API's rules; `details` lists each problem as `{field, problems}`. */
export class ValidationFailedError extends DomainError {
  readonly code = 'VALIDATION_FAILED' as const;

  constructor(message: string, details: Array<{ field: string; problems: string[] }>) {
    super(message, { details });
  }
}
