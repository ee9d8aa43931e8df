import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ACCOUNTS_OPTIONS, type AccountsModuleOptions } from './accounts.options.js';
import { BankAccount } from './domain/bank-account.aggregate.js';
import type { BankAccountState } from './domain/bank-account-state.js';

interface CachedAccount {
  state: BankAccountState;
  version: number;
}

/**
 * The state of recently written accounts, so a command usually skips reading the store. It is a hint,
 * never the truth: an append from a stale entry fails its expected-version check and is retried from the
 * store, and a refusal decided on a cached state is confirmed against the store before it is returned.
 */
@Injectable()
export class AccountStateCache {
  private readonly entries: LRUCache<string, CachedAccount> | null;

  constructor(@Inject(ACCOUNTS_OPTIONS) options: AccountsModuleOptions) {
    const max = options.cachedAccounts ?? 10_000;
    this.entries = max > 0 ? new LRUCache({ max }) : null;
  }

  /** A fresh aggregate rebuilt from the cached state, or undefined. */
  get(accountId: string): BankAccount | undefined {
    const entry = this.entries?.get(accountId);
    return entry && BankAccount.rehydrate(accountId, entry, []);
  }

  /** Remembers the account as persisted at `version`. */
  remember(account: BankAccount, version: number): void {
    this.entries?.set(account.id, { state: account.snapshotState(), version });
  }

  forget(accountId: string): void {
    this.entries?.delete(accountId);
  }
}
