import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../command-context.js';
import type { IdempotentRequest } from '../idempotency/idempotency.interceptor.js';
import { correlationIdOf } from './correlation-id.js';

/** The {@link CommandContext} of the current request: a new command id, correlation id, idempotency key. */
export const CommandCtx = createParamDecorator((_data: unknown, context: ExecutionContext): CommandContext => {
  const request = context.switchToHttp().getRequest<IdempotentRequest>();
  return {
    commandId: randomUUID(),
    correlationId: correlationIdOf(request),
    idempotency: request.idempotency,
  };
});
