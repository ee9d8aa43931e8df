import { ApiProperty } from '@nestjs/swagger';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';

const STORE_UP = { store: { status: 'up', driver: 'sqlite', headPosition: 42 } };
const STORE_DOWN = { store: { status: 'down', driver: 'postgres', message: 'The event store does not answer' } };

/** `GET /health` when every check passes (terminus' result shape). */
export class HealthResponseDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status: 'ok';

  @ApiProperty({ description: 'The checks that passed, by name', example: STORE_UP })
  info: Record<string, unknown>;

  @ApiProperty({ description: 'The checks that failed, by name (empty here)', example: {} })
  error: Record<string, unknown>;

  @ApiProperty({ description: 'Every check, by name', example: STORE_UP })
  details: Record<string, unknown>;
}

/** `GET /health` when a check fails: the API's error shape with the state of every check. */
export class HealthUnavailableResponseDto extends ErrorResponseDto {
  @ApiProperty({ description: 'Every check, by name, with `status: up|down`', example: STORE_DOWN })
  checks: Record<string, unknown>;
}

export const HEALTH_UNAVAILABLE_EXAMPLE = {
  statusCode: 503,
  code: 'STORE_UNAVAILABLE',
  message: 'Health check failed: store is down',
  error: 'Service Unavailable',
  checks: STORE_DOWN,
};
