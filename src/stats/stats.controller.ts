import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator.js';
import { GetStatsQuery } from './get-stats/get-stats.query.js';
import { GetStatsRequestDto } from './get-stats/get-stats.request.dto.js';
import { STATS_EXAMPLE, StatsResponseDto } from './get-stats/stats.response.dto.js';
import type { StatsView } from './get-stats/stats.view.js';

/** Event-store statistics: HTTP in, QueryBus out. */
@ApiTags('Stats')
@ApiBearerAuth()
@Controller('stats')
export class StatsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'getStats',
    summary: 'Event-store statistics',
    description: 'Totals, events by type and the busiest aggregates, maintained incrementally by the Stats projection.',
  })
  @ApiResponse({ status: 200, type: StatsResponseDto, description: 'The statistics', example: STATS_EXAMPLE })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHORIZED', 'TIMEOUT', 'STORE_UNAVAILABLE')
  stats(@Query() params: GetStatsRequestDto): Promise<StatsView> {
    return this.queryBus.execute(new GetStatsQuery(params.limit ?? 100, params.minPosition));
  }
}
