import { type PipeTransform, Query } from '@nestjs/common';
import { ValidationFailedError } from '../errors/validation-failed.error.js';

/**
 * Refuses the query parameters of a route that takes none, as the routes with a query DTO refuse the
 * parameters it does not declare: 400 VALIDATION_FAILED, each parameter named in `details`.
 */
export function refuseQueryParameters(query: Record<string, unknown> | undefined): void {
  const names = Object.keys(query ?? {});
  if (names.length === 0) return;
  const details = names.map((field) => ({ field, problems: [`property ${field} should not exist`] }));
  throw new ValidationFailedError(details.map((detail) => detail.problems[0]).join('; '), details);
}

class RefuseQueryParameters implements PipeTransform<Record<string, unknown> | undefined, undefined> {
  transform(query: Record<string, unknown> | undefined): undefined {
    refuseQueryParameters(query);
    return undefined;
  }
}

/** For a route that takes no query parameters: `method(@NoQueryParameters() _query: undefined)`. */
export const NoQueryParameters = (): ParameterDecorator => Query(new RefuseQueryParameters());
