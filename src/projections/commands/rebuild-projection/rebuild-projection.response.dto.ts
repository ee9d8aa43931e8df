import { ApiProperty } from '@nestjs/swagger';

export class RebuildProjectionResponseDto {
  @ApiProperty({ example: 'AccountBalances' })
  name: string;

  @ApiProperty({ enum: ['running', 'rebuilding', 'faulted'], example: 'running' })
  status: string;

  @ApiProperty({ type: 'integer', description: 'Position of the swapped-in copy', example: 127 })
  lastProcessedVersion: number;

  @ApiProperty({ type: 'integer', description: 'Events replayed into the fresh copy', example: 127 })
  eventsReplayed: number;

  @ApiProperty({ type: 'integer', description: 'How long the rebuild took, swap included', example: 35 })
  durationMs: number;
}

/** A rebuild of the brief's 127 events. */
export const REBUILD_PROJECTION_EXAMPLE = {
  name: 'AccountBalances',
  status: 'running',
  lastProcessedVersion: 127,
  eventsReplayed: 127,
  durationMs: 35,
} satisfies RebuildProjectionResponseDto;
