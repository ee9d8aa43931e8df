import { createHash } from 'node:crypto';
import { BankAccount } from '../accounts/domain/bank-account.aggregate.js';
import { MoneyDeposited } from '../accounts/domain/events/money-deposited.event.js';
import { MoneyWithdrawn } from '../accounts/domain/events/money-withdrawn.event.js';
import { toMinorUnits } from '../common/money/money.js';
import type { StoredEvent } from '../eventstore/event-envelope.js';

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

/** A stored event that is a leg of a transfer, read from its data. */
export interface TransferLegEvent {
  transferId: string;
  leg: TransferLegName;
  /** The account the leg moved money in or out of. */
  accountId: string;
  /** The other account: the withdrawal's target, the deposit's source; none on a refund. */
  counterpartyId?: string;
  /** Minor units. */
  amount: number;
  /** Why the transfer failed (a refund). */
  reason?: string;
}

/**
 * The transfer leg a stored event is, or null: a `MoneyWithdrawn` with `transferId` and `toAccountId`
 * (the withdrawal), a `MoneyDeposited` with `transferId` and `fromAccountId` (the deposit) or with
 * `transferId` and `reason` (the refund).
 */
export function transferLegOf(event: StoredEvent): TransferLegEvent | null {
  const { data } = event;
  if (event.aggregateType !== BankAccount.aggregateType || typeof data.transferId !== 'string') return null;
  const leg = { transferId: data.transferId, accountId: event.aggregateId, amount: toMinorUnits(Number(data.amount)) };
  if (event.eventType === MoneyWithdrawn.eventType) {
    return typeof data.toAccountId === 'string' ? { ...leg, leg: 'withdrawal', counterpartyId: data.toAccountId } : null;
  }
  if (event.eventType !== MoneyDeposited.eventType) return null;
  if (typeof data.fromAccountId === 'string') return { ...leg, leg: 'deposit', counterpartyId: data.fromAccountId };
  return typeof data.reason === 'string' ? { ...leg, leg: 'refund', reason: data.reason } : null;
}
