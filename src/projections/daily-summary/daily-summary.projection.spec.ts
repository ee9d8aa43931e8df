import { type ProjectedReadModel, projectionSpecification, StoredEventFactory } from '../../../test/support/projection-specification.js';
import { DailySummaryProjection, type DaySummaryRow, utcDay } from './daily-summary.projection.js';

const spec = () => projectionSpecification(new DailySummaryProjection());

/** The last millisecond of 2026-01-31 UTC and the first of 2026-02-01 UTC. */
const LAST_MS_OF_JAN_31 = Date.parse('2026-01-31T23:59:59.999Z');
const FIRST_MS_OF_FEB_1 = Date.parse('2026-02-01T00:00:00.000Z');

async function days(then: ProjectedReadModel): Promise<DaySummaryRow[]> {
  return then.rows<DaySummaryRow>('daily_summary');
}

async function totals(then: ProjectedReadModel): Promise<Array<{ id: number; deposits: number; withdrawals: number }>> {
  return then.rows('daily_summary_totals');
}

/** The totals row must equal the sum of the day rows. */
async function expectTotalsToBeTheSumOfDays(then: ProjectedReadModel): Promise<void> {
  const rows = await days(then);
  const sum = (key: 'deposits' | 'withdrawals') => rows.reduce((total, row) => total + row[key], 0);
  expect(await totals(then)).toEqual([{ id: 1, deposits: sum('deposits'), withdrawals: sum('withdrawals') }]);
}

describe('utcDay', () => {
  it('cuts days at UTC midnight', () => {
    expect(utcDay(LAST_MS_OF_JAN_31)).toBe('2026-01-31');
    expect(utcDay(FIRST_MS_OF_FEB_1)).toBe('2026-02-01');
  });
});

describe('DailySummaryProjection', () => {
  it('given events on either side of UTC midnight, then they land on two days and the totals are their sum', async () => {
    const log = new StoredEventFactory();
    const then = await spec()
      .given(
        log.opened('acc-1', 1000, LAST_MS_OF_JAN_31 - 5000),
        log.deposited('acc-1', 500, LAST_MS_OF_JAN_31 - 1000),
        log.withdrawn('acc-1', 200, LAST_MS_OF_JAN_31),
        log.deposited('acc-1', 250, FIRST_MS_OF_FEB_1),
        log.withdrawn('acc-1', 100, FIRST_MS_OF_FEB_1 + 1),
      )
      .whenProjected();

    expect(await days(then)).toEqual([
      { day: '2026-01-31', deposits: 150_000, withdrawals: 20_000, transaction_count: 3 },
      { day: '2026-02-01', deposits: 25_000, withdrawals: 10_000, transaction_count: 2 },
    ]);
    expect(await totals(then)).toEqual([{ id: 1, deposits: 175_000, withdrawals: 30_000 }]);
    await expectTotalsToBeTheSumOfDays(then);
  });

  it('given an opening balance of 0, then it is not a deposit and not counted as a transaction', async () => {
    const log = new StoredEventFactory();
    const then = await spec().given(log.opened('acc-1', 0, LAST_MS_OF_JAN_31), log.deposited('acc-1', 0.1, FIRST_MS_OF_FEB_1)).whenProjected();

    expect(await days(then)).toEqual([{ day: '2026-02-01', deposits: 10, withdrawals: 0, transaction_count: 1 }]);
    expect(await totals(then)).toEqual([{ id: 1, deposits: 10, withdrawals: 0 }]);
  });

  it('given only openings of 0 and closings, then there is no day and the totals are 0', async () => {
    const log = new StoredEventFactory();
    const then = await spec().given(log.opened('acc-1', 0), log.closed('acc-1')).whenProjected();

    expect(await days(then)).toEqual([]);
    for (const row of await totals(then)) expect(row).toEqual({ id: 1, deposits: 0, withdrawals: 0 });
  });

  it('given exact cents on one day over several batches, then the day adds them up exactly', async () => {
    const log = new StoredEventFactory();
    const then = await spec()
      .given(log.opened('acc-1', 0.1), log.deposited('acc-1', 0.2), log.withdrawn('acc-1', 0.3), log.deposited('acc-1', 1_000_000_000_000))
      .whenProjected(1);

    expect(await days(then)).toEqual([{ day: '2026-01-15', deposits: 100_000_000_000_030, withdrawals: 30, transaction_count: 4 }]);
    await expectTotalsToBeTheSumOfDays(then);
  });

  it('given two accounts on two days split across batches, then each day accumulates across batches', async () => {
    const log = new StoredEventFactory();
    const then = await spec()
      .given(
        log.opened('acc-a', 100, LAST_MS_OF_JAN_31 - 2),
        log.opened('acc-b', 0, LAST_MS_OF_JAN_31 - 1),
        log.deposited('acc-b', 7, LAST_MS_OF_JAN_31),
        log.withdrawn('acc-a', 30, FIRST_MS_OF_FEB_1),
        log.deposited('acc-b', 3, FIRST_MS_OF_FEB_1 + 1),
        log.withdrawn('acc-b', 10, FIRST_MS_OF_FEB_1 + 2),
      )
      .whenProjected([1, 2, 1]);

    expect(then.batchCount).toBe(4);
    expect(await days(then)).toEqual([
      { day: '2026-01-31', deposits: 10_700, withdrawals: 0, transaction_count: 2 },
      { day: '2026-02-01', deposits: 300, withdrawals: 4000, transaction_count: 3 },
    ]);
    await expectTotalsToBeTheSumOfDays(then);
  });

  it('given the same events, then the tables are the same whether they come in one batch or many', async () => {
    const log = new StoredEventFactory();
    const tables = await spec()
      .given(
        ...log.twoAccountHistory([
          LAST_MS_OF_JAN_31 - 10,
          LAST_MS_OF_JAN_31 - 9,
          LAST_MS_OF_JAN_31,
          FIRST_MS_OF_FEB_1,
          FIRST_MS_OF_FEB_1 + 5,
          FIRST_MS_OF_FEB_1 + 6,
          FIRST_MS_OF_FEB_1 + 7,
        ]),
      )
      .whenProjectedInEveryBatching();

    expect(tables).toEqual({
      daily_summary: [
        { day: '2026-01-31', deposits: 100_010, withdrawals: 0, transaction_count: 2 },
        { day: '2026-02-01', deposits: 40, withdrawals: 100_020, transaction_count: 3 },
      ],
      daily_summary_totals: [{ id: 1, deposits: 100_050, withdrawals: 100_020 }],
    });
  });
});
