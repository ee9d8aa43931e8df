import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { ERROR_HTTP_STATUS, type ErrorCode } from './error-code.js';
import { ErrorResponseDto } from './error-response.dto.js';

/** Documents the error responses a route can give, grouped by status, each code named. */
export function ApiErrorResponses(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_HTTP_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ...[...byStatus].map(([status, statusCodes]) =>
      ApiResponse({
        status,
        description: `${STATUS_CODES[status]}: ${statusCodes.join(', ')}`,
        type: ErrorResponseDto,
        example: { statusCode: status, code: statusCodes[0], message: 'Explains what was refused and why', error: STATUS_CODES[status] },
      }),
    ),
  );
}
