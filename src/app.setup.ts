import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger, PinoLogger } from 'nestjs-pino';
import { HttpErrorFilter } from './common/errors/http-error.filter.js';
import { jsonBodyParser, requireBodyTypes } from './common/http/body-parsing.middleware.js';
import { EVENTS_BODY_TYPES } from './events/events.controller.js';
import { answerClientErrorsAsJson } from './common/http/client-errors.js';
import { assignRequestId } from './common/http/request-id.middleware.js';
import { accessLog } from './operations/logging/access-log.middleware.js';
import { createValidationPipe } from './common/http/validation.pipe.js';
import type { AppConfig } from './config/app-config.js';
import { ADMIN_TOKEN_SCHEME, API_TOKEN_SCHEME } from './common/http/access.decorators.js';
import { AccessTokens } from './operations/auth/access-tokens.js';
import { requireTokenForDocumentation } from './operations/auth/documentation-access.middleware.js';

/**
 * Everything `main.ts` applies to the application beyond its modules; tests call it too, so they run
 * with the same request ids, security headers, parsing, validation, error mapping, logger, shutdown
 * hooks and documentation. Create the app with `bodyParser: false` (JSON parsing is installed here,
 * with the API's error shape) and `bufferLogs: true` (start-up lines then go to the JSON log too).
 */
export function configureApp(app: NestExpressApplication, config: Pick<AppConfig, 'bodyLimit' | 'apiToken' | 'adminToken'>): void {
  useServiceLogger(app);
  app.disable('x-powered-by');
  answerClientErrorsAsJson(app.getHttpServer());
  app.use(assignRequestId);
  app.use(accessLog(() => PinoLogger.root));
  app.use(helmet({ contentSecurityPolicy: { directives: CONTENT_SECURITY_POLICY }, frameguard: { action: 'deny' } }));
  app.use(requireBodyTypes(EVENTS_BODY_TYPES));
  app.use(jsonBodyParser(config.bodyLimit));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  // SIGTERM / SIGINT: close the HTTP server (requests in flight finish), then the store, then exit 0.
  app.enableShutdownHooks([], { useProcessExit: true });

  // Swagger serves its pages outside Nest's routes, so the guard does not see them.
  app.use(['/docs', '/docs-json', '/docs-yaml'], requireTokenForDocumentation(new AccessTokens(config)));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Event-sourced bank')
      .setDescription(
        'An event-sourced bank service: commands append immutable events to BankAccount streams; queries rebuild ' +
          'state from snapshots and events. Money is exact (at most 2 decimals). Every error is JSON ' +
          '`{statusCode, code, message, error}`. When the service runs with `API_TOKEN`, every route but ' +
          '`GET /health` (these docs included) needs `Authorization: Bearer <API_TOKEN>`, or Basic credentials with the ' +
          'token as the password (what a browser sends after its login prompt); with `ADMIN_TOKEN`, admin routes need that ' +
          'token. Use "Authorize" to send the bearer token with "Try it out".',
      )
      .setVersion('0.1.0')
      .addServer('/', 'This service (same origin)')
      .addTag('Commands', 'Change accounts by appending events')
      .addTag('Queries', 'Account state, rebuilt from snapshots and events')
      .addTag('Events', 'The immutable event log')
      .addTag('Projections', 'Read models built from the event log: status, reads, rebuilds')
      .addTag('Stats', 'Statistics of the event store')
      .addTag('Operations', 'Health and metrics')
      .addBearerAuth(
        { type: 'http', scheme: 'bearer', bearerFormat: 'opaque', description: 'API_TOKEN, when the service runs with one' },
        API_TOKEN_SCHEME,
      )
      .addBearerAuth(
        { type: 'http', scheme: 'bearer', bearerFormat: 'opaque', description: 'ADMIN_TOKEN, for admin routes when the service runs with one' },
        ADMIN_TOKEN_SCHEME,
      )
      .build(),
    { autoTagControllers: false },
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/**
 * Helmet's defaults, adjusted for Swagger UI at /docs (its scripts are files of this origin, its
 * styles partly inline, its icons `data:` images) and for a service that may be reached over plain
 * HTTP behind a TLS-terminating proxy (no `upgrade-insecure-requests`). Nothing may frame the service.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

/** The JSON (pino) logger when the application has nestjs-pino's LoggerModule, as the service does. */
function useServiceLogger(app: NestExpressApplication): void {
  let logger: Logger;
  try {
    logger = app.get(Logger, { strict: false });
  } catch {
    return;
  }
  app.useLogger(logger);
  app.flushLogs();
}
