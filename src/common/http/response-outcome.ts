import type { Response } from 'express';

/**
 * What a request came to, as its client saw it: `ok`, `replayed` (an idempotent repeat answered with
 * the stored response) or the error code of the response. {@link HttpErrorFilter} records it with the
 * response it sends; a response sent without error is `ok`.
 */
export function recordOutcome(response: Response, outcome: string): void {
  response.locals.outcome = outcome;
}

/** The outcome {@link recordOutcome} recorded for `response`, else `ok` (or `HTTP_<status>` for an error status). */
export function outcomeOf(response: Response): string {
  const recorded: unknown = response.locals.outcome;
  if (typeof recorded === 'string') return recorded;
  return response.statusCode < 400 ? 'ok' : `HTTP_${response.statusCode}`;
}
