import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { EventResponseDto } from '../common/dto/event.response.dto.js';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator.js';
import type { StoredEvent } from '../eventstore/event-envelope.js';
import { ReadEventStreamQuery } from './queries/read-event-stream/read-event-stream.query.js';
import { ReadEventStreamRequestDto } from './queries/read-event-stream/read-event-stream.request.dto.js';

/** The global event log. */
@ApiTags('Events')
@Controller('events')
export class EventsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('stream')
  @ApiOperation({
    summary: 'Read the global event log',
    description: 'Events in position order after `after`, at most `limit`; page by passing the last position seen as `after`.',
  })
  @ApiResponse({ status: 200, type: [EventResponseDto] })
  @ApiErrorResponses('VALIDATION_FAILED', 'STORE_UNAVAILABLE')
  readStream(@Query() params: ReadEventStreamRequestDto): Promise<StoredEvent[]> {
    return this.queryBus.execute(new ReadEventStreamQuery(params.after ?? 0, params.limit ?? 1000, params.eventType ?? []));
  }
}
