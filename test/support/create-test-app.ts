import type { Provider } from '@nestjs/common';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config.js';
import { EVENT_STORE, type EventStore } from '../../src/eventstore/event-store.port.js';

export interface TestApp {
  app: NestExpressApplication;
  /** The HTTP server, for supertest's `request(server)`. */
  server: ReturnType<NestExpressApplication['getHttpServer']>;
  store: EventStore;
  config: AppConfig;
  /** Closes the app and deletes its temporary database folder. */
  close(): Promise<void>;
}

/**
 * The service as `main.ts` builds it (same modules, guards, interceptors, pipes, filters, body parsing,
 * logger), on a fresh SQLite file in a temporary folder unless `overrides` says otherwise. The
 * environment is not read: every variable has its default, then `overrides` (logs are off unless
 * `overrides.logLevel` asks for them). `customize` may override providers; `providers` are added
 * beside the app (e.g. an extra projection for the runner to find).
 */
export async function createTestApp(
  overrides: Partial<AppConfig> = {},
  customize: (builder: TestingModuleBuilder) => TestingModuleBuilder = (builder) => builder,
  providers: Provider[] = [],
): Promise<TestApp> {
  const folder = mkdtempSync(join(tmpdir(), 'bank-e2e-'));
  const appModule = await AppModule.forRoot({
    readEnvironment: false,
    overrides: { sqlitePath: join(folder, 'event-store.sqlite'), logLevel: 'silent', ...overrides },
  });
  const moduleRef = await customize(Test.createTestingModule({ imports: [appModule], providers })).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
  const config = app.get<AppConfig>(APP_CONFIG);
  configureApp(app, config);
  await app.init();
  return {
    app,
    server: app.getHttpServer(),
    store: app.get<EventStore>(EVENT_STORE),
    config,
    close: async () => {
      await app.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
