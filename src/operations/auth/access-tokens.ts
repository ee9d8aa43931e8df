import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '../../config/app-config.js';
import { BearerToken, presentedTokenOf } from './bearer-token.js';

const REALM = 'event-sourced-bank';

/**
 * The service's tokens and who they let in. With `API_TOKEN` set, a request needs it (or the admin
 * token); with `ADMIN_TOKEN` set, admin routes need the admin token. With neither, everything is open.
 * A token comes as a bearer token, or as the password of Basic credentials (browsers).
 */
export class AccessTokens {
  private readonly apiToken?: BearerToken;
  private readonly adminToken?: BearerToken;

  constructor(config: Pick<AppConfig, 'apiToken' | 'adminToken'>) {
    this.apiToken = config.apiToken ? new BearerToken(config.apiToken) : undefined;
    this.adminToken = config.adminToken ? new BearerToken(config.adminToken) : undefined;
  }

  /** Whether a request with this `Authorization` header may use a route (an admin one with `admin`). */
  allows(authorization: string | string[] | undefined, route: { admin: boolean }): boolean {
    const admin = route.admin && this.adminToken !== undefined;
    if (!this.apiToken && !admin) return true;
    const accepted = admin ? [this.adminToken] : [this.apiToken, this.adminToken];
    const presented = presentedTokenOf(authorization);
    // Every configured token is compared, so the time taken does not tell which one came close.
    return accepted.map((token) => token?.matches(presented) ?? false).includes(true);
  }

  /**
   * Sets the `WWW-Authenticate` challenges of a refusal: Bearer, and for a page a browser navigates to
   * (it accepts HTML) Basic too, so the browser asks for the token (as the password) and sends it on.
   */
  challenge(request: IncomingMessage, response: ServerResponse): void {
    const bearer = `Bearer realm="${REALM}"`;
    const page = /text\/html/.test(request.headers.accept ?? '');
    response.setHeader('WWW-Authenticate', page ? [bearer, `Basic realm="${REALM}", charset="UTF-8"`] : bearer);
  }
}
