import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { HttpErrorFilter } from './common/errors/http-error.filter.js';
import { jsonBodyParser, requireJsonCommands } from './common/http/body-parsing.middleware.js';
import { createValidationPipe } from './common/http/validation.pipe.js';
import type { AppConfig } from './config/app-config.js';

/**
 * Everything `main.ts` applies to the application beyond its modules; tests call it too, so they run
 * with the same parsing, validation, error mapping and documentation. Create the app with
 * `bodyParser: false`: JSON parsing is installed here, with the API's error shape.
 */
export function configureApp(app: NestExpressApplication, config: Pick<AppConfig, 'bodyLimit'>): void {
  app.disable('x-powered-by');
  app.use(requireJsonCommands);
  app.use(jsonBodyParser(config.bodyLimit));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Event-sourced bank')
      .setDescription(
        'An event-sourced bank service: commands append immutable events to BankAccount streams; queries rebuild ' +
          'state from snapshots and events. Money is exact (at most 2 decimals). Every error is JSON ' +
          '`{statusCode, code, message, error}`.',
      )
      .setVersion('0.1.0')
      .addTag('Commands', 'Change accounts by appending events')
      .addTag('Queries', 'Account state, rebuilt from snapshots and events')
      .addTag('Events', 'The immutable event log')
      .build(),
    { autoTagControllers: false },
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
