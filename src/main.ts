import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { ConfigError } from './config/config-error.js';

async function bootstrap(): Promise<void> {
  const module = await appModuleOrExit();
  const app = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, bufferLogs: true });
  const config = app.get<AppConfig>(APP_CONFIG);
  configureApp(app, config);
  await app.listen(config.port);
  app.get(Logger).log(`Listening on port ${config.port} (event store: ${config.eventStore})`, 'Bootstrap');
}

/** The application module; a bad environment variable ends the process with one line naming it. */
async function appModuleOrExit(): Promise<DynamicModule> {
  try {
    return await AppModule.forRoot();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

void bootstrap();
