import { Inject, Injectable } from '@nestjs/common';
import type { AppendResult, PendingIdempotencyRecord } from '../eventstore/append.js';
import { EVENT_STORE, type EventStore } from '../eventstore/event-store.port.js';
import { ACCOUNTS_OPTIONS, type AccountsModuleOptions } from './accounts.options.js';
import { BankAccount } from './domain/bank-account.aggregate.js';
import { BANK_ACCOUNT_STATE_SCHEMA_VERSION, type BankAccountState } from './domain/bank-account-state.js';
import { ACCOUNT_EVENT_CLASSES } from './domain/events/account-event-registry.js';
import { toDomainEvent, toNewEvent } from '../common/domain/domain-event.js';
import type { CommandContext } from '../common/command-context.js';

/** Loads BankAccounts from the store (latest snapshot + newer events) and appends their new events. */
@Injectable()
export class BankAccountRepository {
  private readonly snapshotEvery: number;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ACCOUNTS_OPTIONS) options: AccountsModuleOptions,
  ) {
    this.snapshotEvery = options.snapshotEvery ?? 10;
  }

  /**
   * The account as of `atVersion` (default: now), or null when it did not exist then. Reads the newest
   * snapshot of the current state schema at or below that version and only the events after it.
   */
  async load(accountId: string, atVersion?: number): Promise<BankAccount | null> {
    const snapshot = await this.store.loadSnapshot(accountId, atVersion);
    const usable = snapshot && snapshot.schemaVersion === BANK_ACCOUNT_STATE_SCHEMA_VERSION ? snapshot : null;
    const fromVersion = usable ? usable.version + 1 : 1;
    const history = await this.store.readStream(accountId, { fromVersion, toVersion: atVersion });
    if (!usable && history.length === 0) return null;
    return BankAccount.rehydrate(
      accountId,
      usable ? { state: usable.state as unknown as BankAccountState, version: usable.version } : null,
      history.map((stored) => toDomainEvent(ACCOUNT_EVENT_CLASSES, accountId, stored)),
    );
  }

  /**
   * Appends the account's uncommitted events with its loaded version as the expected version, with the
   * command's idempotency record and, when the new version passes a multiple of SNAPSHOT_EVERY, a snapshot.
   * @throws WrongExpectedVersionError when another writer got there first.
   * @throws IdempotencyKeyTakenError when the idempotency key was recorded meanwhile.
   */
  async save(account: BankAccount, context: CommandContext, idempotency?: PendingIdempotencyRecord): Promise<AppendResult> {
    const events = account.getUncommittedEvents();
    const expectedVersion = account.persistedVersion;
    const version = account.version;
    const takeSnapshot = Math.floor(version / this.snapshotEvery) > Math.floor(expectedVersion / this.snapshotEvery);
    return this.store.append({
      streamId: account.id,
      streamType: BankAccount.aggregateType,
      expectedVersion,
      events: events.map((event) => toNewEvent(event, context)),
      idempotency,
      snapshot: takeSnapshot
        ? {
            aggregateId: account.id,
            aggregateType: BankAccount.aggregateType,
            version,
            state: { ...account.snapshotState() },
            timestamp: events[events.length - 1].occurredAt,
            schemaVersion: BANK_ACCOUNT_STATE_SCHEMA_VERSION,
          }
        : undefined,
    });
  }
}
