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

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
