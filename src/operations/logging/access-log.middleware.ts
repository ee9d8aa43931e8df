import type { NextFunction, Response } from 'express';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { IdentifiedRequest } from '../../common/http/correlation-id.js';

/** Routes polled by machines: their requests are not logged one by one. */
const UNLOGGED_PATHS = new Set(['/health', '/metrics']);

/**
 * One `request completed` line per request, once its response is sent (or `request aborted` when the
 * client went away first): method, URL, status, time in ms and the request id; 5xx at `error`, 4xx and
 * requests whose client left at `warn` (the client's doing, not a fault of the service), the rest at
 * `info`. Headers are not logged, so neither are tokens. Install it right after `assignRequestId`, so
 * requests refused by body parsing (413, 415, malformed JSON) are logged too.
 * `logger` is asked for at each response: the service's pino logger exists once the app is initialised.
 */
export function accessLog(logger: () => Logger | undefined) {
  return (request: IdentifiedRequest, response: Response, next: NextFunction): void => {
    const started = performance.now();
    const url = request.originalUrl;
    if (UNLOGGED_PATHS.has(url.split('?', 1)[0])) return next();
    response.once('close', () => {
      const log = logger();
      const statusCode = response.statusCode;
      const level = !response.writableFinished ? 'warn' : statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
      if (!log?.isLevelEnabled(level)) return;
      log[level](
        {
          requestId: request.id,
          req: { method: request.method, url },
          res: { statusCode },
          responseTime: Math.round(performance.now() - started),
        },
        response.writableFinished ? 'request completed' : 'request aborted',
      );
    });
    next();
  };
}
