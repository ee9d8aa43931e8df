import { ConfigurableModuleBuilder, Module } from '@nestjs/common';
import { IMPORTS_EXTRA, withImports } from '../common/module/imports-extra.js';
import { EventsController } from './events.controller.js';
import { ReadEventStreamHandler } from './queries/read-event-stream/read-event-stream.handler.js';

const { ConfigurableModuleClass } = new ConfigurableModuleBuilder<object>()
  .setClassMethodName('forRoot')
  .setExtras(IMPORTS_EXTRA, withImports)
  .build();

/** The events API over the store passed in `imports`. */
@Module({ controllers: [EventsController], providers: [ReadEventStreamHandler] })
export class EventsModule extends ConfigurableModuleClass {}
