import { ApiProperty } from '@nestjs/swagger';

const STORE_UP = { store: { status: 'up', driver: 'sqlite', headPosition: 42 } };

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
