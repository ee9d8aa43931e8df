import type { NextFunction, Response } from 'express';
import { type IdentifiedRequest, requestIdOf } from './correlation-id.js';

/**
 * Gives every request its id before anything else runs (the client's `X-Correlation-Id` or
 * `X-Request-Id`, else a new UUID) and answers it in `X-Request-Id`, so that a client, the log lines
 * of the request and the events it appends can be matched.
 */
export function assignRequestId(request: IdentifiedRequest, response: Response, next: NextFunction): void {
  const id = requestIdOf(request);
  request.id = id;
  response.setHeader('X-Request-Id', id);
  next();
}
