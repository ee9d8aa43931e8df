import { createHash } from 'node:crypto';

/** The three movements a transfer may make, each at most once. */
export type TransferLegName = 'withdrawal' | 'deposit' | 'refund';

/**
 * The idempotency key a transfer's leg is appended with, in the same transaction as its event: a leg
 * whose key is recorded was made, and is never made again. Clients' keys are printable ASCII, so a key
 * that starts with `§` is out of any client's reach.
 */
export function legKey(transferId: string, leg: TransferLegName): string {
  return `§transfer:${transferId}:${leg}`;
}

/** What a transfer id stands for; a second request with the same id and another fingerprint is refused. */
export function transferFingerprint(fromAccountId: string, toAccountId: string, amountMinor: number): string {
  return createHash('sha256').update(`${fromAccountId}\n${toAccountId}\n${amountMinor}`).digest('base64url');
}

/**
 * The transfer id of a request that names none but carries an Idempotency-Key: derived from the key, so
 * a retry after a crash that lost the key's record still finds the same transfer instead of making another.
 */
export function transferIdOfKey(idempotencyKey: string): string {
  const hex = createHash('sha256').update(`transfer\n${idempotencyKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
