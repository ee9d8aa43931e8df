import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator.js';
import { GetStatsQuery } from './get-stats/get-stats.query.js';
import { GetStatsRequestDto } from './get-stats/get-stats.request.dto.js';
import { StatsResponseDto } from './get-stats/stats.response.dto.js';
import type { StatsView } from './get-stats/stats.view.js';

@ApiTags('Stats')
@Controller('stats')
export class StatsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Event-store statistics',
    description: 'Totals, events by type and the busiest aggregates, maintained incrementally by the Stats projection.',
  })
  @ApiResponse({ status: 200, type: StatsResponseDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'TIMEOUT', 'STORE_UNAVAILABLE')
  stats(@Query() params: GetStatsRequestDto): Promise<StatsView> {
    return this.queryBus.execute(new GetStatsQuery(params.limit ?? 100, params.minPosition));
  }
}
