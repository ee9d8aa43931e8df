import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { HostLogger } from './http/host-logger.js';
import { hostValidationPipe } from './http/host-validation.pipe.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';

const app = await NestFactory.create(AppModule.register(), { logger: new HostLogger() });
app.useGlobalPipes(hostValidationPipe());
app.useGlobalFilters(new ProblemDetailsFilter());
app.enableShutdownHooks();
await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
const address = app.getHttpServer().address();
new Logger('OrderHost').log(`order-host listening on port ${typeof address === 'object' && address ? address.port : '?'}`);
