import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { toMajorUnits } from '../../../common/money/money.js';
import type { StoredEvent } from '../../../eventstore/event-envelope.js';
import { EVENT_STORE, type EventStore } from '../../../eventstore/event-store.port.js';
import { BankAccountRepository } from '../../bank-account.repository.js';
import { AccountNotFoundError } from '../../domain/errors/account-not-found.error.js';
import { MoneyDeposited } from '../../domain/events/money-deposited.event.js';
import { MoneyWithdrawn } from '../../domain/events/money-withdrawn.event.js';
import type { AccountView, TransactionView } from './account.view.js';
import { GetAccountQuery } from './get-account.query.js';

/** Events that are not transactions: at most the opening and the closing of the account. */
const NON_TRANSACTION_EVENTS_PER_ACCOUNT = 2;

/**
 * Rebuilds the account from its newest snapshot plus later events, and reads only its newest `limit`
 * transactions backwards from the stream: the cost does not grow with the account's history.
 */
@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery, AccountView> {
  constructor(
    private readonly repository: BankAccountRepository,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(query: GetAccountQuery): Promise<AccountView> {
    const atVersion = query.asOf === undefined ? query.atVersion : await this.store.streamVersionAt(query.accountId, query.asOf);
    const account = atVersion === 0 ? null : await this.repository.load(query.accountId, { atVersion });
    if (!account) throw new AccountNotFoundError(query.accountId);
    const state = account.snapshotState();
    const recent =
      query.limit === 0
        ? []
        : await this.store.readStream(query.accountId, {
            toVersion: account.version,
            limit: query.limit + NON_TRANSACTION_EVENTS_PER_ACCOUNT,
            direction: 'backward',
          });
    const transactions = recent.flatMap(toTransaction).slice(0, query.limit).reverse();
    return {
      id: account.id,
      version: account.version,
      balance: toMajorUnits(state.balance),
      isActive: state.isActive,
      transactionCount: state.transactionCount,
      transactions,
      openedAt: state.openedAt,
      ...(state.closedAt === null ? {} : { closedAt: state.closedAt }),
    };
  }
}

function toTransaction(event: StoredEvent): TransactionView[] {
  const type =
    event.eventType === MoneyDeposited.eventType ? 'deposit' : event.eventType === MoneyWithdrawn.eventType ? 'withdrawal' : null;
  if (!type) return [];
  const transferId = event.data.transferId;
  return [
    {
      type,
      amount: Number(event.data.amount),
      timestamp: event.metadata.timestamp,
      version: event.metadata.version,
      eventId: event.id,
      ...(typeof transferId === 'string' ? { transferId } : {}),
    },
  ];
}
