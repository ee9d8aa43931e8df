import { projectionSpecification, StoredEventFactory, T0 } from '../../../test/support/projection-specification.js';
import { TransactionHistoryProjection, type TransactionRow } from './transaction-history.projection.js';

const spec = () => projectionSpecification(new TransactionHistoryProjection());

/** A `transaction_history` row as the projection writes it (money in cents). */
function row(
  position: number,
  accountId: string,
  type: 'deposit' | 'withdrawal',
  amount: number,
  balanceAfter: number,
  transferId: string | null = null,
): TransactionRow {
  return {
    position,
    event_id: `evt-${String(position).padStart(3, '0')}`,
    account_id: accountId,
    type,
    amount,
    balance_after: balanceAfter,
    timestamp: T0 + (position - 1) * 1000,
    transfer_id: transferId,
  };
}

describe('TransactionHistoryProjection', () => {
  it('given an opening, deposits and a withdrawal, then one row per transaction with balance_after starting from the opening balance', async () => {
    const log = new StoredEventFactory();
    const then = await spec()
      .given(log.opened('acc-1', 1000), log.deposited('acc-1', 500), log.deposited('acc-1', 250), log.withdrawn('acc-1', 100))
      .whenProjected();

    expect(await then.rows('transaction_history')).toEqual([
      row(2, 'acc-1', 'deposit', 50_000, 150_000),
      row(3, 'acc-1', 'deposit', 25_000, 175_000),
      row(4, 'acc-1', 'withdrawal', 10_000, 165_000),
    ]);
    expect(await then.rows('transaction_history_balances')).toEqual([{ account_id: 'acc-1', balance: 165_000 }]);
  });

  it('given only an opening, then there is no transaction, but the running balance starts there', async () => {
    const log = new StoredEventFactory();
    const then = await spec().given(log.opened('acc-1', 1000)).whenProjected();

    expect(await then.rows('transaction_history')).toEqual([]);
    expect(await then.rows('transaction_history_balances')).toEqual([{ account_id: 'acc-1', balance: 100_000 }]);
  });

  it('given the opening in one batch and the deposits in later ones, then balance_after continues from the stored balance', async () => {
    const log = new StoredEventFactory();
    const then = await spec()
      .given(log.opened('acc-1', 10), log.deposited('acc-1', 0.1), log.deposited('acc-1', 0.2), log.withdrawn('acc-1', 10.3))
      .whenProjected([1, 2]);

    expect(then.batchCount).toBe(3);
    expect(await then.rows('transaction_history')).toEqual([
      row(2, 'acc-1', 'deposit', 10, 1010),
      row(3, 'acc-1', 'deposit', 20, 1030),
      row(4, 'acc-1', 'withdrawal', 1030, 0),
    ]);
  });

  it('given two accounts interleaved across batches, then each balance_after follows its own account', async () => {
    const log = new StoredEventFactory();
    const then = await spec()
      .given(
        log.opened('acc-a', 100),
        log.opened('acc-b', 0),
        log.deposited('acc-b', 40),
        log.withdrawn('acc-a', 30),
        log.deposited('acc-a', 5.55),
        log.withdrawn('acc-b', 0.01),
      )
      .whenProjected(2);

    expect(await then.rows('transaction_history')).toEqual([
      row(3, 'acc-b', 'deposit', 4000, 4000),
      row(4, 'acc-a', 'withdrawal', 3000, 7000),
      row(5, 'acc-a', 'deposit', 555, 7555),
      row(6, 'acc-b', 'withdrawal', 1, 3999),
    ]);
    expect(await then.query(`SELECT position FROM ${then.table('transaction_history')} WHERE account_id = ? ORDER BY position`, ['acc-a'])).toEqual([
      { position: 4 },
      { position: 5 },
    ]);
  });

  it('given a transfer leg, then its row carries the transferId', async () => {
    const log = new StoredEventFactory();
    const then = await spec()
      .given(log.opened('acc-1', 50), log.withdrawn('acc-1', 20, undefined, 'tr-1'), log.deposited('acc-1', 20, undefined, 'tr-1'))
      .whenProjected();

    expect(await then.rows('transaction_history')).toEqual([
      row(2, 'acc-1', 'withdrawal', 2000, 3000, 'tr-1'),
      row(3, 'acc-1', 'deposit', 2000, 5000, 'tr-1'),
    ]);
  });

  it('given a closing and events of another aggregate type, then neither is a transaction', async () => {
    const log = new StoredEventFactory();
    const then = await spec()
      .given(
        log.opened('acc-1', 5),
        log.withdrawn('acc-1', 5),
        log.event('t-1', 'TransferRequested', { amount: 1 }, { aggregateType: 'Transfer' }),
        log.closed('acc-1'),
      )
      .whenProjected(1);

    expect(await then.rows('transaction_history')).toEqual([row(2, 'acc-1', 'withdrawal', 500, 0)]);
    expect(then.checkpoint.position).toBe(4);
  });

  it('given the same events, then the tables are the same whether they come in one batch or many', async () => {
    const log = new StoredEventFactory();
    const tables = await spec()
      .given(...log.twoAccountHistory(), log.withdrawn('acc-b', 0.3))
      .whenProjectedInEveryBatching();

    expect(tables.transaction_history).toHaveLength(5);
    expect(tables.transaction_history_balances).toEqual([
      { account_id: 'acc-a', balance: 0 },
      { account_id: 'acc-b', balance: 0 },
    ]);
  });
});
