import { ApiProperty } from '@nestjs/swagger';

export class RebuildProjectionResponseDto {
  @ApiProperty({ example: 'AccountBalances' })
  name: string;

  @ApiProperty({ enum: ['running', 'rebuilding', 'faulted'], example: 'running' })
  status: string;

  @ApiProperty({ description: 'Position of the swapped-in copy', example: 127 })
  lastProcessedVersion: number;

  @ApiProperty({ example: 127 })
  eventsReplayed: number;

  @ApiProperty({ example: 35 })
  durationMs: number;
}
