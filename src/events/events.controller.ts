import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiHeader, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ACCOUNT_EVENTS_EXAMPLE, EventResponseDto } from '../common/dto/event.response.dto.js';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator.js';
import { AdminOnly } from '../common/http/access.decorators.js';
import { sendNdjson } from '../common/http/ndjson-response.js';
import { type ServerSentEvent, sendServerSentEvents } from '../common/http/server-sent-events.js';
import { ValidationFailedError } from '../common/errors/validation-failed.error.js';
import { NoQueryParameters } from '../common/http/no-query-parameters.js';
import type { StoredEvent } from '../eventstore/event-envelope.js';
import { ImportDisabledError } from './commands/import-events/import-disabled.error.js';
import { ImportEventsCommand } from './commands/import-events/import-events.command.js';
import { ImportEventsResponseDto } from './commands/import-events/import-events.response.dto.js';
import type { ImportReport } from './commands/import-events/import-report.js';
import { EVENTS_OPTIONS, type EventsModuleOptions } from './events.options.js';
import { ExportEventsQuery } from './queries/export-events/export-events.query.js';
import { FollowEventStreamQuery } from './queries/follow-event-stream/follow-event-stream.query.js';
import { LiveEventStreams } from './live-event-streams.js';
import { ExportEventsRequestDto } from './queries/export-events/export-events.request.dto.js';
import { ReadEventStreamQuery } from './queries/read-event-stream/read-event-stream.query.js';
import { ReadEventStreamRequestDto } from './queries/read-event-stream/read-event-stream.request.dto.js';

/** Two lines of an export, as `GET /events/export` writes them and `POST /events/import` reads them. */
const NDJSON_EXAMPLE = ACCOUNT_EVENTS_EXAMPLE.slice(0, 2)
  .map((event) => JSON.stringify(event))
  .join('\n');

/** The routes of this controller whose body is not JSON: the import takes an export's NDJSON, streamed. */
export const EVENTS_BODY_TYPES: Readonly<Record<string, string>> = { '/events/import': 'application/x-ndjson' };

/** Default of EventsModuleOptions.sseHeartbeatMs. */
const SSE_HEARTBEAT_MS = 15_000;

const SSE_EXAMPLE = `id: 1\ndata: ${JSON.stringify(ACCOUNT_EVENTS_EXAMPLE[0])}\n\n: heartbeat\n\n`;

/** The global event log: paged reads and a live feed, export and import. */
@ApiTags('Events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsModuleOptions,
    private readonly liveStreams: LiveEventStreams,
  ) {}

  @Get('stream')
  @ApiOperation({
    operationId: 'readEventStream',
    summary: 'Read the global event log',
    description:
      'Events of every stream in position order after `after`, at most `limit`, optionally of some types only; ' +
      'page by passing the last position seen as `after`. With `Accept: text/event-stream`, a live feed instead ' +
      '(Server-Sent Events): first the stored events after `after` (or after the `Last-Event-ID` header a reconnecting ' +
      'client sends), then each new event as it commits, each with `id:` = its position and `data:` = the event; a ' +
      '`: heartbeat` comment every 15 s keeps it open.',
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'With Accept: text/event-stream, resume after this position (EventSource sends it when it reconnects)',
    schema: { type: 'integer', minimum: 0 },
  })
  @ApiExtraModels(EventResponseDto)
  @ApiResponse({
    status: 200,
    description: 'Events in position order (JSON), or the live feed (text/event-stream)',
    content: {
      'application/json': { schema: { type: 'array', items: { $ref: getSchemaPath(EventResponseDto) } }, example: ACCOUNT_EVENTS_EXAMPLE },
      'text/event-stream': { schema: { type: 'string' }, example: SSE_EXAMPLE },
    },
  })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHORIZED', 'STORE_UNAVAILABLE')
  async readStream(@Query() params: ReadEventStreamRequestDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    const eventTypes = params.eventType ?? [];
    if (!acceptsEventStream(request)) {
      response.json(await this.queryBus.execute(new ReadEventStreamQuery(params.after ?? 0, params.limit ?? 1000, eventTypes)));
      return;
    }
    const after = lastEventIdOf(request) ?? params.after ?? 0;
    const stream = this.liveStreams.start();
    const events: AsyncIterable<StoredEvent> = await this.queryBus.execute(new FollowEventStreamQuery(after, eventTypes, stream.signal));
    await sendServerSentEvents(response, toServerSentEvents(events), {
      heartbeatMs: this.options.sseHeartbeatMs ?? SSE_HEARTBEAT_MS,
      onClose: stream.stop,
    });
  }

  @Get('export')
  @ApiOperation({
    operationId: 'exportEvents',
    summary: 'Export the event log as NDJSON',
    description:
      'Every event after `after` up to the newest one when the export starts, one JSON event per line in position ' +
      'order, in current shapes (older ones upcast), streamed page by page in constant memory. ' +
      'Continue a later export from the last position exported. `POST /events/import` reads this format.',
  })
  @ApiResponse({
    status: 200,
    description: 'One event per line (the events API shape)',
    content: { 'application/x-ndjson': { schema: { type: 'string' }, example: NDJSON_EXAMPLE } },
  })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHORIZED', 'STORE_UNAVAILABLE')
  async exportEvents(@Query() params: ExportEventsRequestDto, @Res() response: Response): Promise<void> {
    await sendNdjson(response, await this.queryBus.execute(new ExportEventsQuery(params.after ?? 0)));
  }

  @Post('import')
  @AdminOnly()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'importEvents',
    summary: 'Import exported events (admin)',
    description:
      'Appends the events of an export (`application/x-ndjson`, one event per line) keeping their ids, stream versions, ' +
      'timestamps and schema versions; they get new positions. Every line is checked first: a bad line refuses the whole ' +
      'import (400) before anything is appended. Events stored already as they are (same id, stream and version: an ' +
      'import sent again) are skipped and their stream continued. A stream is refused, nothing of it appended, when the ' +
      'store holds other events at its versions or one of its event ids elsewhere; the other streams are imported and ' +
      'the refusals listed: 200 when no stream was refused, 409 (the same report) when any was. Refused ' +
      '(401) unless the service runs with ADMIN_TOKEN, and then only with that token.',
  })
  @ApiConsumes('application/x-ndjson')
  @ApiBody({
    description: 'Exported events, one per line',
    schema: { type: 'string' },
    examples: { export: { summary: 'Two lines of an export', value: NDJSON_EXAMPLE } },
  })
  @ApiResponse({
    status: 200,
    type: ImportEventsResponseDto,
    description: 'Every stream of the file imported (or stored already)',
    example: { importedEvents: 12, importedStreams: 3, alreadyStoredEvents: 0, conflictCount: 0, conflicts: [] },
  })
  @ApiResponse({
    status: 409,
    type: ImportEventsResponseDto,
    description: 'Conflict: some streams were refused (listed); the others were imported',
    example: {
      importedEvents: 11,
      importedStreams: 2,
      alreadyStoredEvents: 0,
      conflictCount: 1,
      conflicts: [{ aggregateId: 'acc-123', reason: 'the stream is at version 4, and the import continues it from version 1' }],
    },
  })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHORIZED', 'UNSUPPORTED_MEDIA_TYPE', 'STORE_UNAVAILABLE')
  async importEvents(@Req() request: Request, @Res() response: Response, @NoQueryParameters() _query: undefined): Promise<void> {
    if (!this.options.importEnabled) throw new ImportDisabledError();
    const report: ImportReport = await this.commandBus.execute(new ImportEventsCommand(request));
    response.status(report.conflictCount > 0 ? 409 : 200).json(report);
  }
}

function acceptsEventStream(request: Request): boolean {
  return (request.headers.accept ?? '').includes('text/event-stream');
}

/** The `Last-Event-ID` a reconnecting EventSource sends: the last position it received. */
function lastEventIdOf(request: Request): number | undefined {
  const header = request.headers['last-event-id'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !/^\d{1,15}$/.test(header)) {
    throw new ValidationFailedError('Last-Event-ID must be a position (a non-negative integer)', [
      { field: 'Last-Event-ID', problems: ['must be a non-negative integer'] },
    ]);
  }
  return Number(header);
}

async function* toServerSentEvents(events: AsyncIterable<StoredEvent>): AsyncGenerator<ServerSentEvent> {
  for await (const event of events) yield { id: event.position, data: event };
}
