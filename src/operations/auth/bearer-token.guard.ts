import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ADMIN_ROUTE, PUBLIC_ROUTE } from '../../common/http/access.decorators.js';
import { BearerToken, bearerTokenOf } from './bearer-token.js';
import { UnauthorizedError } from './unauthorized.error.js';

/**
 * The service's access rule (global guard). With `API_TOKEN` set, every route but `@Public()` ones needs
 * `Authorization: Bearer <API_TOKEN>` (the admin token is accepted too); with `ADMIN_TOKEN` set,
 * `@AdminOnly()` routes need the admin token. With neither set the API is open. A refusal is 401
 * UNAUTHORIZED with `WWW-Authenticate: Bearer`.
 */
@Injectable()
export class BearerTokenGuard implements CanActivate {
  private readonly apiToken?: BearerToken;
  private readonly adminToken?: BearerToken;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.apiToken = config.apiToken ? new BearerToken(config.apiToken) : undefined;
    this.adminToken = config.adminToken ? new BearerToken(config.adminToken) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    if ((!this.apiToken && !this.adminToken) || context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const admin = this.reflector.getAllAndOverride<boolean>(ADMIN_ROUTE, targets) ?? false;
    const accepted = admin && this.adminToken ? [this.adminToken] : [this.apiToken, this.adminToken];
    if (!this.apiToken && !(admin && this.adminToken)) return true;

    const http = context.switchToHttp();
    const presented = bearerTokenOf(http.getRequest<Request>().headers.authorization);
    // Every configured token is compared, so the time taken does not tell which one came close.
    const matched = accepted.map((token) => token?.matches(presented) ?? false).includes(true);
    if (matched) return true;
    http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="event-sourced-bank"');
    throw new UnauthorizedError();
  }
}
