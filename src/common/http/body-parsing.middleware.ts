import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import { errorBody } from '../errors/error-body.js';

/**
 * JSON body parsing that answers in the API's error shape: a body over `limit` is 413
 * PAYLOAD_TOO_LARGE, unparseable JSON is 400 MALFORMED_JSON. (Express would answer with HTML.)
 */
export function jsonBodyParser(limit: string | number): RequestHandler {
  const parse = express.json({ limit, strict: true });
  return (request: Request, response: Response, next: NextFunction) => {
    parse(request, response, (error?: unknown) => {
      if (!error) return next();
      const type = (error as { type?: string }).type;
      const body =
        type === 'entity.too.large'
          ? errorBody('PAYLOAD_TOO_LARGE', `Request body is larger than the limit of ${limit}`)
          : type === 'entity.parse.failed'
            ? errorBody('MALFORMED_JSON', 'Request body is not valid JSON')
            : errorBody('VALIDATION_FAILED', 'Request body could not be read');
      response.status(body.statusCode).json(body);
    });
  };
}

/** Commands take JSON only: a POST under `/commands` with another content type is 415. */
export function requireJsonCommands(request: Request, response: Response, next: NextFunction): void {
  if (request.method === 'POST' && request.path.startsWith('/commands/') && !request.is('application/json')) {
    const body = errorBody('UNSUPPORTED_MEDIA_TYPE', 'Commands take a JSON body: send Content-Type: application/json');
    response.status(body.statusCode).json(body);
    return;
  }
  next();
}
