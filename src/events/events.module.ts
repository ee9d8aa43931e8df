import { Module } from '@nestjs/common';
import { EventsController } from './events.controller.js';
import { ConfigurableEventsModule } from './events.options.js';
import { ImportEventsHandler } from './commands/import-events/import-events.handler.js';
import { ExportEventsHandler } from './queries/export-events/export-events.handler.js';
import { FollowEventStreamHandler } from './queries/follow-event-stream/follow-event-stream.handler.js';
import { LiveEventStreams } from './live-event-streams.js';
import { ReadEventStreamHandler } from './queries/read-event-stream/read-event-stream.handler.js';

/** The events API over the store passed in `imports`: the global log (paged or live), its export and its import. */
@Module({ controllers: [EventsController], providers: [ReadEventStreamHandler, FollowEventStreamHandler, ExportEventsHandler, ImportEventsHandler, LiveEventStreams] })
export class EventsModule extends ConfigurableEventsModule {}
