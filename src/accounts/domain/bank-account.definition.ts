import type { AggregateDefinition } from '../../eventsourcing/aggregate-definition.js';
import { BankAccount } from './bank-account.aggregate.js';
import { BANK_ACCOUNT_STATE_SCHEMA_VERSION } from './bank-account-state.js';
import type { AccountEvent } from './events/account-event.js';
import { ACCOUNT_EVENT_REGISTRY } from './events/account-event-registry.js';

/** How BankAccounts are stored: stream type `BankAccount`, stream id = account id, snapshots of state schema 1. */
export const BANK_ACCOUNT: AggregateDefinition<BankAccount, AccountEvent> = {
  aggregateType: BankAccount.aggregateType,
  events: ACCOUNT_EVENT_REGISTRY,
  create: (id) => new BankAccount(id),
  snapshotSchemaVersion: BANK_ACCOUNT_STATE_SCHEMA_VERSION,
};
