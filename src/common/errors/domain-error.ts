import type { ErrorCode } from './error-code.js';

/**
 * A refusal the service explains to its client: a stable `code`, a human message and optional extra
 * fields merged into the error body (e.g. `currentVersion`). Handlers throw these, never HttpException;
 * {@link HttpErrorFilter} maps the code to an HTTP status.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;

  protected constructor(
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
