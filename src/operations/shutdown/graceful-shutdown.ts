import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

/**
 * The HTTP side of a graceful shutdown (SIGTERM, SIGINT or `app.close()`). Nest's order does the rest:
 * this hook runs before the HTTP server closes (no new connections; `close` resolves once every
 * request in flight has been answered), and only after that do `onApplicationShutdown` hooks stop the
 * projection workers and close the event store. Here, once shutdown starts, responses to requests
 * that arrive from then on carry `Connection: close`, so busy keep-alive connections end after their
 * current request instead of holding the server open; connections still open after
 * `SHUTDOWN_TIMEOUT_MS` are closed. The header comes from a listener on the server's `request` event,
 * added only when shutdown starts, so requests before it pay nothing for it.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private deadline?: NodeJS.Timeout;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  beforeApplicationShutdown(signal?: string): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    this.logger.log(`Shutting down${signal ? ` on ${signal}` : ''}: finishing requests in flight`);
    if (!server || typeof server.closeAllConnections !== 'function') return;
    // Ahead of the application's own listener, so the header is set before any middleware answers.
    server.prependListener('request', closeConnectionAfterResponse);
    server.closeIdleConnections();
    this.deadline = setTimeout(() => {
      this.logger.warn(`Requests still in flight after ${this.config.shutdownTimeoutMs} ms: closing their connections`);
      server.closeAllConnections();
    }, this.config.shutdownTimeoutMs);
    this.deadline.unref();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.deadline);
    this.logger.log('HTTP server closed');
  }
}

/** Ends the keep-alive connection once this response is sent. */
function closeConnectionAfterResponse(_request: IncomingMessage, response: ServerResponse): void {
  response.setHeader('Connection', 'close');
}
