import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../command-context.js';
import type { IdempotentRequest } from '../idempotency/idempotency.interceptor.js';
import { type IdentifiedRequest, requestIdOf } from './correlation-id.js';

/**
 * The {@link CommandContext} of the current request: a new command id (the events' `causationId`), the
 * request id (their `correlationId`: the client's `X-Correlation-Id` / `X-Request-Id` or a generated
 * one) and the idempotency key.
 */
export const CommandCtx = createParamDecorator((_data: unknown, context: ExecutionContext): CommandContext => {
  const request = context.switchToHttp().getRequest<IdempotentRequest & IdentifiedRequest>();
  return {
    commandId: randomUUID(),
    correlationId: requestIdOf(request),
    idempotency: request.idempotency,
  };
});
