import { ApiProperty } from '@nestjs/swagger';

/** What every projection read reports besides its data. */
export class ProjectionReadResponseDto {
  @ApiProperty({ example: 'AccountBalances' })
  name: string;

  @ApiProperty({ description: 'Id of the last event applied', nullable: true, type: String, example: 'evt-015' })
  lastProcessedEvent: string | null;

  @ApiProperty({ type: 'integer', description: 'Global position of the last event applied', example: 15 })
  lastProcessedVersion: number;
}
