import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../eventstore/event-store.port.js';
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
 * Entries of accounts other instances append to are dropped as their notifications arrive.
 */
@Injectable()
export class AccountStateCache implements OnModuleDestroy {
  private readonly entries: LRUCache<string, CachedAccount> | null;
  private readonly unsubscribe: () => void;

  constructor(@Inject(ACCOUNTS_OPTIONS) options: AccountsModuleOptions, @Inject(EVENT_STORE) store: EventStore) {
    const max = options.cachedAccounts ?? 10_000;
    this.entries = max > 0 ? new LRUCache({ max }) : null;
    // Another instance wrote the account: what is cached here is stale.
    this.unsubscribe = store.onForeignAppend((accountId) => this.forget(accountId));
  }

  onModuleDestroy(): void {
    this.unsubscribe();
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
