import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { performance } from 'node:perf_hooks';
import { outcomeOf } from '../../common/http/response-outcome.js';
import { ServiceMetrics } from './service-metrics.js';

/** Command routes are `/commands/<command>`; the route's last segment names the command. */
const COMMAND_ROUTE = /^\/commands\/([^/]+)$/;

/**
 * Times every command request, from the router (after body parsing) to its response, into
 * `bank_command_duration_seconds{command, outcome}`: `ok`, `replayed` (an idempotent repeat), the
 * error code the client got (refusals by the token guard and by validation included), or `aborted`
 * when the client went away before its response (timed until then: the command itself may still
 * complete). Each request counts once. Only matched routes count (the route pattern names the command,
 * so an unknown path cannot make a label). A middleware rather than a Nest interceptor: an interceptor
 * would run every request of the route through an rxjs pipeline.
 */
@Injectable()
export class CommandMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: ServiceMetrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const started = performance.now();
    response.once('close', () => {
      const command = COMMAND_ROUTE.exec(routePath(request))?.[1];
      if (command === undefined) return;
      const outcome = response.writableFinished ? outcomeOf(response) : 'aborted';
      this.metrics.commandDuration.observe({ command, outcome }, (performance.now() - started) / 1000);
    });
    next();
  }
}

/** The pattern of the route that handled `request` (set by the router), or '' when none matched. */
function routePath(request: Request): string {
  const path: unknown = (request as Request & { route?: { path?: unknown } }).route?.path;
  return typeof path === 'string' ? path : '';
}
