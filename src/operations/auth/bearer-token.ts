import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * A secret token compared in constant time: both sides are hashed first, so neither the comparison
 * nor the lengths tell a caller how much of a guess was right.
 */
export class BearerToken {
  private readonly digest: Buffer;

  constructor(secret: string) {
    this.digest = sha256(secret);
  }

  matches(candidate: string | undefined): boolean {
    return timingSafeEqual(this.digest, sha256(candidate ?? '')) && candidate !== undefined;
  }
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerTokenOf(authorization: string | string[] | undefined): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}

/**
 * The token a request presents: that of `Authorization: Bearer <token>`, or the password of
 * `Authorization: Basic base64(<any user>:<token>)` (what a browser sends after its login prompt, so that
 * pages such as /docs and /dashboard open with a token), or undefined.
 */
export function presentedTokenOf(authorization: string | string[] | undefined): string | undefined {
  const bearer = bearerTokenOf(authorization);
  if (bearer !== undefined || typeof authorization !== 'string') return bearer;
  const basic = /^Basic[ ]+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  if (!basic) return undefined;
  const credentials = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = credentials.indexOf(':');
  return colon < 0 ? undefined : credentials.slice(colon + 1);
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
