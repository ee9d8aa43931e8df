import type { Params } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import { currentRequestId } from '../../common/http/request-scope.js';
import type { AppConfig } from '../../config/app-config.js';

/**
 * nestjs-pino settings: one JSON object per line on stdout at `LOG_LEVEL` and above, ISO timestamps, and
 * a `requestId` on every line logged while a request is handled (the id `assignRequestId` gave it, read
 * from the request's scope). The per-request `request completed` line comes from `accessLog`; nestjs-pino
 * installs no middleware of its own (`forRoutes: []`), so a request costs no child logger.
 */
export function loggerParams(config: Pick<AppConfig, 'logLevel'>): Params {
  return {
    forRoutes: [],
    pinoHttp: {
      level: config.logLevel,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // The access line's `req` and `res` are plain summaries already (see accessLog), not Node objects.
      wrapSerializers: false,
      serializers: {
        req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId === undefined ? {} : { requestId };
      },
    },
  };
}
