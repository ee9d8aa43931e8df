import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { errorBody } from './error-body.js';
import { ERROR_HTTP_STATUS, type ErrorCode } from './error-code.js';
import { ERROR_EXAMPLES } from './error-examples.js';
import { ErrorResponseDto } from './error-response.dto.js';

/**
 * Documents the error responses a route can give: one response per status naming its codes, with an
 * example body for each code. Give all of a route's codes in one call on the method: a second
 * `@ApiResponse` for the same status (on the class or the method) replaces the first, codes and all.
 */
export function ApiErrorResponses(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = ERROR_HTTP_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ...[...byStatus].map(([status, statusCodes]) =>
      ApiResponse({
        status,
        description: `${STATUS_CODES[status]}: ${statusCodes.map((code) => `\`${code}\``).join(', ')}`,
        type: ErrorResponseDto,
        examples: Object.fromEntries(
          statusCodes.map((code) => {
            const { summary, message, extra } = ERROR_EXAMPLES[code];
            return [code, { summary, value: errorBody(code, message, extra) }];
          }),
        ),
      }),
    ),
  );
}
