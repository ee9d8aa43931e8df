import { ApiProperty } from '@nestjs/swagger';

class AggregateStatsDto {
  @ApiProperty({ example: 'BankAccount:acc-123' })
  aggregate: string;

  @ApiProperty({ type: 'integer', example: 12 })
  eventCount: number;

  @ApiProperty({ type: 'integer', example: 12 })
  latestVersion: number;
}

export class StatsResponseDto {
  @ApiProperty({ type: 'integer', example: 127 })
  totalEvents: number;

  @ApiProperty({ type: 'integer', example: 15 })
  totalAggregates: number;

  @ApiProperty({ type: 'integer', example: 3 })
  totalSnapshots: number;

  @ApiProperty({ type: 'integer', description: 'Global position of the newest event', example: 127 })
  headPosition: number;

  @ApiProperty({
    type: 'object',
    description: 'Event count by event type',
    additionalProperties: { type: 'integer' },
    example: { AccountOpened: 15, MoneyDeposited: 89, MoneyWithdrawn: 23 },
  })
  eventsByType: Record<string, number>;

  @ApiProperty({ type: [AggregateStatsDto], description: 'Busiest first' })
  aggregates: AggregateStatsDto[];
}

/** The brief's statistics. */
export const STATS_EXAMPLE = {
  totalEvents: 127,
  totalAggregates: 15,
  totalSnapshots: 3,
  headPosition: 127,
  eventsByType: { AccountOpened: 15, MoneyDeposited: 89, MoneyWithdrawn: 23 },
  aggregates: [{ aggregate: 'BankAccount:acc-123', eventCount: 12, latestVersion: 12 }],
} satisfies StatsResponseDto;
