import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class RebuildProgressDto {
  @ApiProperty({ description: 'Position the fresh copy has reached', example: 5000 })
  lastProcessedVersion: number;

  @ApiProperty({ example: 5000 })
  eventsReplayed: number;

  @ApiProperty({ description: 'When the rebuild started (ms since the epoch)', example: 1234567890 })
  startedAt: number;
}

export class ProjectionStatusResponseDto {
  @ApiProperty({ example: 'AccountBalances' })
  name: string;

  @ApiProperty({ enum: ['running', 'rebuilding', 'faulted'], example: 'running' })
  status: 'running' | 'rebuilding' | 'faulted';

  @ApiProperty({
    enum: ['active', 'standby'],
    description: 'active: this instance runs the projection; standby: another instance holds its lease',
    example: 'active',
  })
  worker: 'active' | 'standby';

  @ApiProperty({ nullable: true, type: String, example: 'evt-015' })
  lastProcessedEvent: string | null;

  @ApiProperty({ description: 'Global position of the last event applied', example: 15 })
  lastProcessedVersion: number;

  @ApiProperty({ description: 'Events committed but not yet applied', example: 0 })
  lag: number;

  @ApiProperty({ example: 15 })
  eventsProcessed: number;

  @ApiPropertyOptional({ description: 'Why the projection is faulted, naming the failing event' })
  lastError?: string;

  @ApiPropertyOptional({ type: RebuildProgressDto, description: 'Progress of a rebuild in flight' })
  rebuild?: RebuildProgressDto;
}
