import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../command-context.js';
import { idempotencyOf } from '../idempotency/idempotency-key.js';
import { type IdentifiedRequest, requestIdOf } from './correlation-id.js';

/**
 * The {@link CommandContext} of the current request: a new command id (the events' `causationId`), the
 * request id (their `correlationId`: the client's `X-Correlation-Id` / `X-Request-Id` or a generated
 * one) and the `Idempotency-Key` with the request's fingerprint (VALIDATION_FAILED for a malformed key).
 */
export const CommandCtx = createParamDecorator((_data: unknown, context: ExecutionContext): CommandContext => {
  const request = context.switchToHttp().getRequest<Request>();
  return {
    commandId: randomUUID(),
    correlationId: requestIdOf(request as IdentifiedRequest),
    idempotency: idempotencyOf(request),
  };
});
