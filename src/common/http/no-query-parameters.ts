import { type PipeTransform, Query } from '@nestjs/common';
import { ValidationFailedError } from '../errors/validation-failed.error.js';

/**
 * Refuses the query parameters of a route that takes none, as the routes with a query DTO refuse the
 * parameters it does not declare: 400 VALIDATION_FAILED, each parameter named in `details`.
 */
export function refuseQueryParameters(query: Record<string, unknown> | undefined): void {
  const names = Object.keys(query ?? {});
  if (names.length > 0) throw ValidationFailedError.unexpected(names);
}

class RefuseQueryParameters implements PipeTransform<Record<string, unknown> | undefined, undefined> {
  transform(query: Record<string, unknown> | undefined): undefined {
    refuseQueryParameters(query);
    return undefined;
  }
}

/** For a route that takes no query parameters: `method(@NoQueryParameters() _query: undefined)`. */
export const NoQueryParameters = (): ParameterDecorator => Query(new RefuseQueryParameters());
