import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class RebuildProgressDto {
  @ApiProperty({ type: 'integer', description: 'Position the fresh copy has reached', example: 5000 })
  lastProcessedVersion: number;

  @ApiProperty({ type: 'integer', example: 5000 })
  eventsReplayed: number;

  @ApiProperty({ type: 'integer', description: 'When the rebuild started (ms since the epoch)', example: 1234567890 })
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

  @ApiProperty({ nullable: true, type: String, description: 'Id of the last event applied', example: 'evt-015' })
  lastProcessedEvent: string | null;

  @ApiProperty({ type: 'integer', description: 'Global position of the last event applied', example: 15 })
  lastProcessedVersion: number;

  @ApiProperty({ type: 'integer', description: 'Events committed but not yet applied', example: 0 })
  lag: number;

  @ApiProperty({ type: 'integer', description: 'Events applied since the projection was (re)built', example: 15 })
  eventsProcessed: number;

  @ApiPropertyOptional({
    description: 'Why the projection is faulted, naming the failing event',
    example: 'event evt-016 (MoneyDeposited at position 16): database is locked',
  })
  lastError?: string;

  @ApiPropertyOptional({ type: RebuildProgressDto, description: 'Progress of a rebuild in flight' })
  rebuild?: RebuildProgressDto;
}

/** The brief's four projections, caught up with its 15 events. */
export const PROJECTIONS_EXAMPLE = ['AccountBalances', 'TransactionHistory', 'DailySummary', 'Stats'].map((name) => ({
  name,
  status: 'running' as const,
  worker: 'active' as const,
  lastProcessedEvent: 'evt-015',
  lastProcessedVersion: 15,
  lag: 0,
  eventsProcessed: 15,
})) satisfies ProjectionStatusResponseDto[];
