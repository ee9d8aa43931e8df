import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../eventsourcing/command-context.js';
import { idempotencyOf } from '../idempotency/idempotency-key.js';
import { type IdentifiedRequest, requestIdOf } from './correlation-id.js';
import { refuseQueryParameters } from './no-query-parameters.js';

/**
 * The {@link CommandContext} of the current request: a new command id (the events' `causationId`), the
 * request id (their `correlationId`: the client's `X-Correlation-Id` / `X-Request-Id` or a generated
 * one) and the `Idempotency-Key` with the request's fingerprint (VALIDATION_FAILED for a malformed key).
 * A command takes its input from the body and headers only: query parameters are VALIDATION_FAILED.
 */
export const CommandCtx = createParamDecorator((_data: unknown, context: ExecutionContext): CommandContext => {
  const request = context.switchToHttp().getRequest<Request>();
  // Express parses the query string when it is first read: skip that for the usual URL without one.
  if (request.url.includes('?')) refuseQueryParameters(request.query);
  return {
    commandId: randomUUID(),
    correlationId: requestIdOf(request as IdentifiedRequest),
    idempotency: idempotencyOf(request),
  };
});
