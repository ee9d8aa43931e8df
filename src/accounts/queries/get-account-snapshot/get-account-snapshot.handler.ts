import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { toMajorUnits } from '../../../common/money/money.js';
import { EVENT_STORE, type EventStore } from '../../../eventstore/event-store.port.js';
import type { Snapshot } from '../../../eventstore/snapshot.js';
import type { BankAccountState } from '../../domain/bank-account-state.js';
import { AccountNotFoundError } from '../../domain/errors/account-not-found.error.js';
import { GetAccountSnapshotQuery } from './get-account-snapshot.query.js';
import { SnapshotNotFoundError } from './snapshot-not-found.error.js';

/** The newest snapshot, its state shown in major units like the rest of the API. */
@QueryHandler(GetAccountSnapshotQuery)
export class GetAccountSnapshotHandler implements IQueryHandler<GetAccountSnapshotQuery, Snapshot> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(query: GetAccountSnapshotQuery): Promise<Snapshot> {
    const snapshot = await this.store.loadSnapshot(query.accountId);
    if (!snapshot) {
      if (!(await this.store.streamInfo(query.accountId))) throw new AccountNotFoundError(query.accountId);
      throw new SnapshotNotFoundError(query.accountId);
    }
    const state = snapshot.state as unknown as BankAccountState;
    return { ...snapshot, state: { ...state, balance: toMajorUnits(state.balance) } };
  }
}
