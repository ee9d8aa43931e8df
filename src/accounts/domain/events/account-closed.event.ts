import type { AccountEvent } from './account-event.js';

/** An account with a zero balance was closed for good. Stored as `AccountClosed` `{}`. */
export class AccountClosed implements AccountEvent {
  static readonly eventType = 'AccountClosed';
  static readonly schemaVersion = 1;

  constructor(
    readonly accountId: string,
    readonly occurredAt: number,
  ) {}

  toData(): Record<string, unknown> {
    return {};
  }

  static fromData(accountId: string, _data: Record<string, unknown>, occurredAt: number): AccountClosed {
    return new AccountClosed(accountId, occurredAt);
  }
}
