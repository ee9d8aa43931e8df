import { DomainError } from './domain-error.js';

/** Input that breaks the API's rules; `details` lists each problem as `{field, problems}`. */
export class ValidationFailedError extends DomainError {
  readonly code = 'VALIDATION_FAILED' as const;

  constructor(message: string, details: Array<{ field: string; problems: string[] }>) {
    super(message, { details });
  }

  /**
   * Body properties or query parameters a request may not carry, each named in `details`, in the words
   * the validation pipe uses for unknown properties.
   */
  static unexpected(fields: readonly string[]): ValidationFailedError {
    const details = fields.map((field) => ({ field, problems: [`property ${field} should not exist`] }));
    return new ValidationFailedError(details.map((detail) => detail.problems[0]).join('; '), details);
  }
}
