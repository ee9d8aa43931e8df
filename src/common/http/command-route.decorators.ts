import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiHeader } from '@nestjs/swagger';
import type { ErrorCode } from '../errors/error-code.js';

/** Errors every command can give, whatever it acts on. */
export const COMMAND_ERRORS: ErrorCode[] = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'UNAUTHORIZED',
  'IDEMPOTENCY_KEY_REUSED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'STORE_UNAVAILABLE',
];

/** Set on a response replayed for a repeated Idempotency-Key. */
export const REPLAYED_HEADER = {
  'Idempotent-Replayed': {
    description: '`true` when this is the stored response to an earlier request with the same Idempotency-Key',
    schema: { type: 'string' as const, enum: ['true'] },
  },
};

/** What a controller of command routes documents for all of them: JSON bodies, the token, the headers they honour. */
export const CommandRoutes = (): ClassDecorator =>
  applyDecorators(
    ApiBearerAuth(),
    ApiConsumes('application/json'),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Repeats with the same key (1-128 printable characters) get the first response and append nothing',
      schema: { type: 'string', minLength: 1, maxLength: 128 },
    }),
    ApiHeader({
      name: 'X-Correlation-Id',
      required: false,
      description: "Stored as the events' correlationId (X-Request-Id is taken too)",
      schema: { type: 'string', minLength: 1, maxLength: 128 },
    }),
  );
