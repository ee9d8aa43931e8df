import { projectionSpecification, StoredEventFactory, T0 } from '../../../test/support/projection-specification.js';
import { AccountBalancesProjection, type AccountBalanceRow } from './account-balances.projection.js';

const spec = () => projectionSpecification(new AccountBalancesProjection());

describe('AccountBalancesProjection', () => {
  it('given an account opened, deposited to and withdrawn from, then one row with its balance in cents and the last timestamp', async () => {
    const log = new StoredEventFactory();
    const then = await spec()
      .given(log.opened('acc-1', 1000, T0), log.deposited('acc-1', 500, T0 + 1000), log.withdrawn('acc-1', 200, T0 + 2000))
      .whenProjected();

    expect(await then.rows<AccountBalanceRow>('account_balances')).toEqual([
      { account_id: 'acc-1', balance: 130_000, is_active: 1, last_updated: T0 + 2000 },
    ]);
    expect(then.checkpoint).toEqual({ name: 'AccountBalances', position: 3, eventId: 'evt-003', eventsProcessed: 3, generation: 1 });
  });

  it('given an opening without initialBalance, then the balance is 0', async () => {
    const log = new StoredEventFactory();
    const then = await spec().given(log.event('acc-1', 'AccountOpened', {}, { at: T0 })).whenProjected();

    expect(await then.rows('account_balances')).toEqual([{ account_id: 'acc-1', balance: 0, is_active: 1, last_updated: T0 }]);
  });

  it('given 0.1 then 0.2 deposited, then the balance is exactly 30 cents', async () => {
    const log = new StoredEventFactory();
    const then = await spec().given(log.opened('acc-1', 0), log.deposited('acc-1', 0.1), log.deposited('acc-1', 0.2)).whenProjected([2]);

    const [row] = await then.rows<AccountBalanceRow>('account_balances');
    expect(row.balance).toBe(30);
  });

  it('given amounts with cents summing past a float error, then the balance stays exact', async () => {
    const log = new StoredEventFactory();
    const then = await spec()
      .given(log.opened('acc-1', 1.1), log.deposited('acc-1', 2.2), log.withdrawn('acc-1', 3.29), log.deposited('acc-1', 1_000_000_000_000))
      .whenProjected(1);

    const [row] = await then.rows<AccountBalanceRow>('account_balances');
    expect(row.balance).toBe(100_000_000_000_001);
  });

  it('given an account emptied and closed, then it shows balance 0, is_active 0 and the closing time', async () => {
    const log = new StoredEventFactory();
    const then = await spec()
      .given(log.opened('acc-1', 100, T0), log.withdrawn('acc-1', 100, T0 + 1000), log.closed('acc-1', T0 + 5000))
      .whenProjected();

    expect(await then.rows('account_balances')).toEqual([{ account_id: 'acc-1', balance: 0, is_active: 0, last_updated: T0 + 5000 }]);
  });

  it('given a close in a later batch than the opening, then the row is updated in place to inactive', async () => {
    const log = new StoredEventFactory();
    const then = await spec()
      .given(log.opened('acc-1', 0, T0), log.opened('acc-2', 7, T0 + 1000), log.closed('acc-1', T0 + 2000))
      .whenProjected([2]);

    expect(await then.rows('account_balances')).toEqual([
      { account_id: 'acc-1', balance: 0, is_active: 0, last_updated: T0 + 2000 },
      { account_id: 'acc-2', balance: 700, is_active: 1, last_updated: T0 + 1000 },
    ]);
  });

  it('given interleaved accounts over several batches, then each account has its own balance', async () => {
    const log = new StoredEventFactory();
    const then = await spec()
      .given(
        log.opened('acc-a', 1000),
        log.opened('acc-b', 50),
        log.deposited('acc-a', 500),
        log.withdrawn('acc-b', 20.5),
        log.withdrawn('acc-a', 250.25),
        log.deposited('acc-b', 0.5),
      )
      .whenProjected(2);

    expect(then.batchCount).toBe(3);
    expect(await then.rows('account_balances')).toEqual([
      { account_id: 'acc-a', balance: 124_975, is_active: 1, last_updated: T0 + 4000 },
      { account_id: 'acc-b', balance: 3000, is_active: 1, last_updated: T0 + 5000 },
    ]);
  });

  it('given events of another aggregate type it does not know, then they change nothing', async () => {
    const log = new StoredEventFactory();
    const then = await spec()
      .given(
        log.opened('acc-1', 10, T0),
        log.event('t-1', 'TransferRequested', { fromAccountId: 'acc-1', toAccountId: 'acc-2', amount: 5 }, { aggregateType: 'Transfer' }),
      )
      .whenProjected();

    expect(await then.rows('account_balances')).toEqual([{ account_id: 'acc-1', balance: 1000, is_active: 1, last_updated: T0 }]);
    expect(then.checkpoint.position).toBe(2);
  });

  it('given the same events, then the table is the same whether they come in one batch or many', async () => {
    const log = new StoredEventFactory();
    const tables = await spec()
      .given(...log.twoAccountHistory())
      .whenProjectedInEveryBatching();

    expect(tables.account_balances).toHaveLength(2);
  });
});
