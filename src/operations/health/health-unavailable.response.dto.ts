import { ApiProperty } from '@nestjs/swagger';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';

const STORE_DOWN = { store: { status: 'down', driver: 'postgres', message: 'The event store does not answer' } };

/** An example 503 body of `GET /health`. */
export const HEALTH_UNAVAILABLE_EXAMPLE = {
  statusCode: 503,
  code: 'STORE_UNAVAILABLE',
  message: 'Health check failed: store is down',
  error: 'Service Unavailable',
  checks: STORE_DOWN,
};

/** `GET /health` when a check fails: the API's error shape with the state of every check. */
export class HealthUnavailableResponseDto extends ErrorResponseDto {
  @ApiProperty({ description: 'Every check, by name, with `status: up|down`', example: STORE_DOWN })
  checks: Record<string, unknown>;
}
