import { ApiProperty } from '@nestjs/swagger';
import { ProjectionReadResponseDto } from '../projection-read.response.dto.js';

class SummaryTotalsDto {
  @ApiProperty({ description: 'Deposits, opening balances included, in major units', example: 15000 })
  deposits: number;

  @ApiProperty({ description: 'Withdrawals in major units', example: 3000 })
  withdrawals: number;

  @ApiProperty({ description: 'deposits - withdrawals', example: 12000 })
  netChange: number;
}

class DaySummaryDto extends SummaryTotalsDto {
  @ApiProperty({ type: 'integer', example: 12 })
  transactionCount: number;
}

class DailySummaryDataDto {
  @ApiProperty({ type: SummaryTotalsDto, description: 'Totals over all days' })
  summary: SummaryTotalsDto;

  @ApiProperty({
    type: 'object',
    description: 'Totals by UTC day (YYYY-MM-DD) within `from` and `to`',
    additionalProperties: { $ref: '#/components/schemas/DaySummaryDto' },
    example: { '2026-01-31': { deposits: 1500, withdrawals: 100, netChange: 1400, transactionCount: 3 } },
  })
  days: Record<string, DaySummaryDto>;
}

export class DailySummaryResponseDto extends ProjectionReadResponseDto {
  @ApiProperty({ type: DailySummaryDataDto })
  data: DailySummaryDataDto;
}

/** The brief's DailySummary read, with the days that add up to it. */
export const DAILY_SUMMARY_EXAMPLE = {
  name: 'DailySummary',
  lastProcessedEvent: 'evt-127',
  lastProcessedVersion: 127,
  data: {
    summary: { deposits: 15000, withdrawals: 3000, netChange: 12000 },
    days: {
      '2026-01-30': { deposits: 9000, withdrawals: 1000, netChange: 8000, transactionCount: 60 },
      '2026-01-31': { deposits: 6000, withdrawals: 2000, netChange: 4000, transactionCount: 52 },
    },
  },
} satisfies DailySummaryResponseDto;

export { DaySummaryDto };
