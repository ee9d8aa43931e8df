import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { isPrintableId } from './header-value.js';

/** A request and the id {@link assignRequestId} gave it (also the id of its log lines). */
export type IdentifiedRequest = Omit<Request, 'id'> & { id?: unknown };

/** The client's `X-Correlation-Id` (or `X-Request-Id`) when it is 1-128 printable characters. */
export function correlationIdOf(request: Request): string | undefined {
  for (const header of ['x-correlation-id', 'x-request-id']) {
    const value = request.headers[header];
    if (isPrintableId(value)) return value;
  }
  return undefined;
}

/**
 * The id of a request: the one {@link assignRequestId} gave it, else the client's correlation id,
 * else a new UUID. Stored as the `correlationId` of the events the request causes.
 */
export function requestIdOf(request: IdentifiedRequest): string {
  if (typeof request.id === 'string') return request.id;
  return correlationIdOf(request as Request) ?? randomUUID();
}

/**
 * What ties a log line to the request being handled; lines written during a request pass it:
 * `logger.warn(requestLogFields(request), message)` (nestjs-pino merges it into the JSON line).
 */
export function requestLogFields(request: IdentifiedRequest): { requestId: string } {
  return { requestId: requestIdOf(request) };
}
