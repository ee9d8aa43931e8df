import { ApiProperty } from '@nestjs/swagger';
import { ProjectionReadResponseDto } from '../projection-read.response.dto.js';

class SummaryTotalsDto {
  @ApiProperty({ example: 15000 })
  deposits: number;

  @ApiProperty({ example: 3000 })
  withdrawals: number;

  @ApiProperty({ example: 12000 })
  netChange: number;
}

class DaySummaryDto extends SummaryTotalsDto {
  @ApiProperty({ example: 12 })
  transactionCount: number;
}

class DailySummaryDataDto {
  @ApiProperty({ type: SummaryTotalsDto, description: 'Totals over all days' })
  summary: SummaryTotalsDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/DaySummaryDto' },
    example: { '2026-01-31': { deposits: 1500, withdrawals: 100, netChange: 1400, transactionCount: 3 } },
  })
  days: Record<string, DaySummaryDto>;
}

export class DailySummaryResponseDto extends ProjectionReadResponseDto {
  @ApiProperty({ type: DailySummaryDataDto })
  data: DailySummaryDataDto;
}

export { DaySummaryDto };
