import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { IsOptionalNotNull } from '../../common/dto/api-properties.js';
import { MinPositionQuery } from '../min-position.query.dto.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class GetDailySummaryRequestDto extends MinPositionQuery {
  @ApiPropertyOptional({
    description: 'First UTC day to list, as YYYY-MM-DD (e.g. 2026-01-01); the summary always covers all days',
    pattern: DAY.source,
  })
  @IsOptionalNotNull()
  @IsString()
  @Matches(DAY, { message: 'from must be a day as YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last UTC day to list, as YYYY-MM-DD (e.g. 2026-12-31)', pattern: DAY.source })
  @IsOptionalNotNull()
  @IsString()
  @Matches(DAY, { message: 'to must be a day as YYYY-MM-DD' })
  to?: string;
}
