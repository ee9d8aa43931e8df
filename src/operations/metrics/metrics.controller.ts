import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../common/errors/api-error-responses.decorator.js';
import { API_TOKEN_SCHEME } from '../../common/http/access.decorators.js';
import { ServiceMetrics } from './service-metrics.js';

const EXAMPLE = [
  '# HELP bank_events_appended_total Events appended by this instance, by event type',
  '# TYPE bank_events_appended_total counter',
  'bank_events_appended_total{event_type="MoneyDeposited"} 42',
].join('\n');

/** Prometheus scrape endpoint. */
@ApiTags('Operations')
@ApiBearerAuth(API_TOKEN_SCHEME)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'getMetrics',
    summary: 'Prometheus metrics',
    description:
      'Process metrics, `bank_events_appended_total{event_type}`, `bank_command_duration_seconds{command,outcome}` ' +
      'and per projection `bank_projection_lag_events`, `bank_projection_position`, `bank_projection_status` and ' +
      '`bank_projection_active`, in the Prometheus text format 0.0.4.',
  })
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'The metrics', content: { 'text/plain': { schema: { type: 'string' }, example: EXAMPLE } } })
  @ApiErrorResponses('UNAUTHORIZED')
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}
