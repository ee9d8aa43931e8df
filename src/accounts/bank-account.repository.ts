import { Inject, Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../common/clock/clock.js';
import { EventSourcedRepository } from '../eventsourcing/event-sourced-repository.js';
import { EVENT_STORE, type EventStore } from '../eventstore/event-store.port.js';
import { ACCOUNTS_OPTIONS, type AccountsModuleOptions } from './accounts.options.js';
import type { BankAccount } from './domain/bank-account.aggregate.js';
import { BANK_ACCOUNT } from './domain/bank-account.definition.js';

/**
 * BankAccounts on the event store: the generic repository, configured by the accounts module's options
 * (snapshots every `snapshotEvery` events, `maxAttempts` on conflict, `cachedAccounts` states in memory).
 */
@Injectable()
export class BankAccountRepository extends EventSourcedRepository<BankAccount> {
  constructor(@Inject(EVENT_STORE) store: EventStore, eventBus: EventBus, @Inject(ACCOUNTS_OPTIONS) options: AccountsModuleOptions, @Inject(CLOCK) clock: Clock) {
    super(store, eventBus, BANK_ACCOUNT, {
      snapshotEvery: options.snapshotEvery ?? 10,
      maxAttempts: options.maxAttempts ?? 30,
      cachedAggregates: options.cachedAccounts ?? 10_000,
      clock,
    });
  }
}
