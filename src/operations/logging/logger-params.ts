import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import { requestIdOf } from '../../common/http/correlation-id.js';
import type { AppConfig } from '../../config/app-config.js';

/** Routes polled by machines: their requests are not logged one by one. */
const UNLOGGED_PATHS = new Set(['/health', '/metrics']);

/**
 * nestjs-pino settings: one JSON object per line on stdout at `LOG_LEVEL` and above, ISO timestamps,
 * a `requestId` on every line logged while a request is handled (the id `assignRequestId` gave it), and
 * one `request completed` line per request with method, URL, status and time: 5xx as `error`, 4xx as
 * `warn`. Headers are not logged, so neither are tokens.
 */
export function loggerParams(config: Pick<AppConfig, 'logLevel'>): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      genReqId: (request) => requestIdOf(request as Parameters<typeof requestIdOf>[0]),
      customAttributeKeys: { reqId: 'requestId' },
      quietReqLogger: true,
      serializers: {
        req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (request) => UNLOGGED_PATHS.has((request.url ?? '').split('?')[0]) },
    },
  };
}
