import { type ProjectedReadModel, projectionSpecification, StoredEventFactory } from '../../test/support/projection-specification.js';
import { StatsProjection } from './stats.projection.js';

const spec = () => projectionSpecification(new StatsProjection());

async function stats(then: ProjectedReadModel) {
  return {
    totals: await then.rows('stats_totals'),
    eventsByType: await then.rows('stats_event_types'),
    aggregates: await then.rows('stats_aggregates'),
  };
}

describe('StatsProjection', () => {
  it('given events of two accounts, then it counts events, events by type and events and latest version per aggregate', async () => {
    const log = new StoredEventFactory();
    const then = await spec()
      .given(
        log.opened('acc-1', 1000),
        log.deposited('acc-1', 500),
        log.opened('acc-2', 0),
        log.withdrawn('acc-1', 200),
        log.deposited('acc-2', 1),
        log.withdrawn('acc-2', 1),
        log.closed('acc-2'),
      )
      .whenProjected();

    expect(await stats(then)).toEqual({
      totals: [{ id: 1, total_events: 7, total_aggregates: 2 }],
      eventsByType: [
        { event_type: 'AccountClosed', event_count: 1 },
        { event_type: 'AccountOpened', event_count: 2 },
        { event_type: 'MoneyDeposited', event_count: 2 },
        { event_type: 'MoneyWithdrawn', event_count: 2 },
      ],
      aggregates: [
        { aggregate: 'BankAccount:acc-1', event_count: 3, latest_version: 3 },
        { aggregate: 'BankAccount:acc-2', event_count: 4, latest_version: 4 },
      ],
    });
  });

  it('given an aggregate whose events span several batches, then it is counted once in totalAggregates', async () => {
    const log = new StoredEventFactory();
    const then = await spec()
      .given(log.opened('acc-1', 10), log.deposited('acc-1', 1), log.deposited('acc-1', 2), log.opened('acc-2', 5), log.withdrawn('acc-1', 3))
      .whenProjected(1);

    expect(then.batchCount).toBe(5);
    expect(await stats(then)).toEqual({
      totals: [{ id: 1, total_events: 5, total_aggregates: 2 }],
      eventsByType: [
        { event_type: 'AccountOpened', event_count: 2 },
        { event_type: 'MoneyDeposited', event_count: 2 },
        { event_type: 'MoneyWithdrawn', event_count: 1 },
      ],
      aggregates: [
        { aggregate: 'BankAccount:acc-1', event_count: 4, latest_version: 4 },
        { aggregate: 'BankAccount:acc-2', event_count: 1, latest_version: 1 },
      ],
    });
  });

  it('given events of every aggregate type, then it counts them all, keyed by type and id', async () => {
    const log = new StoredEventFactory();
    const then = await spec()
      .given(
        log.opened('x-1', 10),
        log.event('x-1', 'TransferRequested', { amount: 1 }, { aggregateType: 'Transfer' }),
        log.event('x-1', 'TransferCompleted', {}, { aggregateType: 'Transfer' }),
      )
      .whenProjected([1]);

    expect(await stats(then)).toEqual({
      totals: [{ id: 1, total_events: 3, total_aggregates: 2 }],
      eventsByType: [
        { event_type: 'AccountOpened', event_count: 1 },
        { event_type: 'TransferCompleted', event_count: 1 },
        { event_type: 'TransferRequested', event_count: 1 },
      ],
      aggregates: [
        { aggregate: 'BankAccount:x-1', event_count: 1, latest_version: 1 },
        { aggregate: 'Transfer:x-1', event_count: 2, latest_version: 2 },
      ],
    });
  });

  it('given the busiest aggregates, then its index orders them by event count, then by name', async () => {
    const log = new StoredEventFactory();
    const then = await spec()
      .given(log.opened('acc-b', 1), log.opened('acc-a', 1), log.deposited('acc-c', 1), log.deposited('acc-c', 1), log.deposited('acc-a', 1))
      .whenProjected(2);

    const table = then.table('stats_aggregates');
    expect(await then.query(`SELECT aggregate, event_count FROM ${table} ORDER BY event_count DESC, aggregate LIMIT 2`)).toEqual([
      { aggregate: 'BankAccount:acc-a', event_count: 2 },
      { aggregate: 'BankAccount:acc-c', event_count: 2 },
    ]);
  });

  it('given the same events, then the tables are the same whether they come in one batch or many', async () => {
    const log = new StoredEventFactory();
    const tables = await spec()
      .given(...log.twoAccountHistory(), log.event('t-1', 'TransferRequested', { amount: 1 }, { aggregateType: 'Transfer' }))
      .whenProjectedInEveryBatching();

    expect(tables.stats_totals).toEqual([{ id: 1, total_events: 8, total_aggregates: 3 }]);
  });
});
