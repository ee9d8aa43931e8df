import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_EVENTS_EXAMPLE, EventResponseDto } from '../common/dto/event.response.dto.js';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator.js';
import type { StoredEvent } from '../eventstore/event-envelope.js';
import { ReadEventStreamQuery } from './queries/read-event-stream/read-event-stream.query.js';
import { ReadEventStreamRequestDto } from './queries/read-event-stream/read-event-stream.request.dto.js';

/** The global event log. */
@ApiTags('Events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('stream')
  @ApiOperation({
    operationId: 'readEventStream',
    summary: 'Read the global event log',
    description:
      'Events of every stream in position order after `after`, at most `limit`, optionally of some types only; ' +
      'page by passing the last position seen as `after`.',
  })
  @ApiResponse({ status: 200, type: [EventResponseDto], description: 'Events in position order', example: ACCOUNT_EVENTS_EXAMPLE })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHORIZED', 'STORE_UNAVAILABLE')
  readStream(@Query() params: ReadEventStreamRequestDto): Promise<StoredEvent[]> {
    return this.queryBus.execute(new ReadEventStreamQuery(params.after ?? 0, params.limit ?? 1000, params.eventType ?? []));
  }
}
