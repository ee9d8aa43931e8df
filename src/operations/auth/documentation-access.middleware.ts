import type { NextFunction, Request, Response } from 'express';
import { errorBody } from '../../common/errors/error-body.js';
import type { AccessTokens } from './access-tokens.js';
import { UnauthorizedError } from './unauthorized.error.js';

/**
 * The access rule for what Swagger serves outside Nest's routes (`/docs`, its files, `/docs-json`):
 * with `API_TOKEN` set they need a token like every route. In a browser, the Basic challenge makes it
 * ask for one (any user name, the token as the password); Swagger UI's "Authorize" then adds it to
 * "Try it out" requests.
 */
export function requireTokenForDocumentation(tokens: AccessTokens) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (tokens.allows(request.headers.authorization, { admin: false })) return next();
    tokens.challenge(request, response);
    response.status(401).json(errorBody('UNAUTHORIZED', new UnauthorizedError().message));
  };
}
