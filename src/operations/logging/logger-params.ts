import type { Params } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import type { AppConfig } from '../../config/app-config.js';

/**
 * nestjs-pino settings: one JSON object per line on stdout at `LOG_LEVEL` and above, with ISO timestamps.
 * The per-request `request completed` line comes from `accessLog`; nestjs-pino installs no middleware of
 * its own (`forRoutes: []`), so a request costs no child logger.
 *
 * Lines written while a request is handled name its id themselves (`logger.warn({ requestId }, message)`,
 * see `requestLogFields`). There is no implicit request scope: on Node.js 20 an AsyncLocalStorage scope
 * turns on async hooks for every promise of the process, which cost the command path about an eighth of
 * its throughput.
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
    },
  };
}
