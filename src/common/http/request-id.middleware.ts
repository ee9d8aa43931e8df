import type { NextFunction, Response } from 'express';
import { type IdentifiedRequest, requestIdOf } from './correlation-id.js';
import { runInRequest } from './request-scope.js';

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

/**
 * Handles the rest of the request in the scope of its id, so every line logged meanwhile carries it.
 * Install it after body parsing: the body arrives in callbacks of the connection, outside any scope
 * entered before.
 */
export function enterRequestScope(request: IdentifiedRequest, _response: Response, next: NextFunction): void {
  runInRequest(requestIdOf(request), next);
}
