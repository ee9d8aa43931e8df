import type { Request } from 'express';

const PRINTABLE = /^[\x20-\x7e]{1,128}$/;

/** The client's `X-Correlation-Id` (or `X-Request-Id`) when it is 1-128 printable characters. */
export function correlationIdOf(request: Request): string | undefined {
  for (const header of ['x-correlation-id', 'x-request-id']) {
    const value = request.headers[header];
    if (typeof value === 'string' && PRINTABLE.test(value)) return value;
  }
  return undefined;
}
