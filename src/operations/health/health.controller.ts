import { Controller, Get, Optional, Req, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import { Public } from '../../common/http/access.decorators.js';
import { type IdentifiedRequest, requestLogFields } from '../../common/http/correlation-id.js';
import { REDIS_ACCOUNT_BALANCES } from '../../projections/account-balances/redis-account-balances.projection.js';
import { ProjectionRunner } from '../../projections/projection-runner.js';
import { EVENT_RELAY } from '../../relay/event-relay.js';
import { EventStoreHealthIndicator } from './event-store.health.js';
import { HealthCheckFailedError } from './health-check-failed.error.js';
import { HealthResponseDto } from './health.response.dto.js';
import { HEALTH_UNAVAILABLE_EXAMPLE, HealthUnavailableResponseDto } from './health-unavailable.response.dto.js';

/** Liveness and readiness for load balancers and orchestrators; open even when tokens are set. */
@ApiTags('Operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly store: EventStoreHealthIndicator,
    @Optional() private readonly projections?: ProjectionRunner,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'getHealth',
    summary: 'Health of the service',
    description:
      'Pings the event store. 200 with the state of each check when the store answers within 3 s; 503 ' +
      'STORE_UNAVAILABLE when it does not or while the service shuts down. Needs no token.',
    security: [],
  })
  @ApiResponse({ status: 200, type: HealthResponseDto, description: 'The store answers' })
  @ApiResponse({
    status: 503,
    type: HealthUnavailableResponseDto,
    description: 'Service Unavailable: `STORE_UNAVAILABLE` (the store does not answer, or the service is shutting down)',
    example: HEALTH_UNAVAILABLE_EXAMPLE,
  })
  async check(@Req() request: IdentifiedRequest): Promise<HealthCheckResult> {
    try {
      const result = await this.health.check([() => this.store.check('store', requestLogFields(request))]);
      return { ...result, details: { ...result.details, ...this.integrations() } };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.keys(result.error ?? {});
      const message =
        result.status === 'shutting_down' ? 'The service is shutting down' : `Health check failed: ${down.join(', ')} is down`;
      throw new HealthCheckFailedError(message, { ...result.details, ...this.integrations() });
    }
  }

  /**
   * The relay to RabbitMQ and the Redis read model, when the service runs them: `down` while faulted,
   * with the error. They are details, not checks: the service keeps taking commands without them, so
   * they never turn the answer into a 503 (a broker outage must not take every instance out of a load
   * balancer).
   */
  private integrations(): HealthIndicatorResult {
    const names: Record<string, string> = { [EVENT_RELAY]: 'eventRelay', [REDIS_ACCOUNT_BALANCES]: 'redisReadModel' };
    const details: HealthIndicatorResult = {};
    for (const status of this.projections?.statuses() ?? []) {
      const key = names[status.name];
      if (!key) continue;
      details[key] = {
        status: status.status === 'faulted' ? ('down' as const) : ('up' as const),
        projection: status.name,
        state: status.status,
        worker: status.worker,
        lag: status.lag,
        ...(status.lastError === undefined ? {} : { lastError: status.lastError }),
      };
    }
    return details;
  }
}
