/**
 * An idempotency key is recorded for another request (another fingerprint): the command is refused
 * and nothing is appended. A key identifies one request; a different request needs a new key.
 */
export class IdempotencyFingerprintMismatchError extends Error {
  constructor(readonly key: string) {
    super(`Idempotency key ${key} was used for another request`);
    this.name = 'IdempotencyFingerprintMismatchError';
  }
}
