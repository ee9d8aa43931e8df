import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ADMIN_ROUTE, PUBLIC_ROUTE } from '../../common/http/access.decorators.js';
import { AccessTokens } from './access-tokens.js';
import { UnauthorizedError } from './unauthorized.error.js';

/**
 * The service's access rule (global guard). With `API_TOKEN` set, every route but `@Public()` ones needs
 * `Authorization: Bearer <API_TOKEN>` (the admin token is accepted too; a browser may send either as
 * the password of Basic credentials); with `ADMIN_TOKEN` set, `@AdminOnly()` routes need the admin
 * token. With neither set the API is open. A refusal is 401 UNAUTHORIZED with `WWW-Authenticate: Bearer`
 * (and Basic, for a page).
 */
@Injectable()
export class BearerTokenGuard implements CanActivate {
  private readonly tokens: AccessTokens;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.tokens = new AccessTokens(config);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const admin = this.reflector.getAllAndOverride<boolean>(ADMIN_ROUTE, targets) ?? false;
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    if (this.tokens.allows(request.headers.authorization, { admin })) return true;
    this.tokens.challenge(request, http.getResponse<Response>());
    throw new UnauthorizedError();
  }
}
