import { ApiProperty } from '@nestjs/swagger';

class AggregateStatsDto {
  @ApiProperty({ example: 'BankAccount:acc-123' })
  aggregate: string;

  @ApiProperty({ example: 12 })
  eventCount: number;

  @ApiProperty({ example: 12 })
  latestVersion: number;
}

export class StatsResponseDto {
  @ApiProperty({ example: 127 })
  totalEvents: number;

  @ApiProperty({ example: 15 })
  totalAggregates: number;

  @ApiProperty({ example: 3 })
  totalSnapshots: number;

  @ApiProperty({ description: 'Global position of the newest event', example: 127 })
  headPosition: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { AccountOpened: 15, MoneyDeposited: 89, MoneyWithdrawn: 23 },
  })
  eventsByType: Record<string, number>;

  @ApiProperty({ type: [AggregateStatsDto], description: 'Busiest first' })
  aggregates: AggregateStatsDto[];
}
