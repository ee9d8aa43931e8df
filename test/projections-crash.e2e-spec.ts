import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postJson, startChildServer } from './support/child-server.js';
import { type EventRowLike, foldBalances, foldDailyTotals, foldTransactions } from './support/reference-fold.js';

interface Checkpoint {
  name: string;
  position: number;
  generation: number;
  events_processed: number;
}

/**
 * Reads the database file as the killed process left it, in one read transaction, and checks that
 * every projection's tables equal the fold of the events up to its own checkpoint.
 */
function expectProjectionsMatchTheirCheckpoints(path: string): Map<string, number> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.transaction(() => {
      const checkpoints = db.prepare('SELECT * FROM projection_checkpoints').all() as Checkpoint[];
      const positions = new Map(checkpoints.map((checkpoint) => [checkpoint.name, checkpoint.position]));
      const eventsUpTo = (position: number) =>
        db.prepare('SELECT * FROM events WHERE position <= ? ORDER BY position').all(position) as EventRowLike[];
      for (const checkpoint of checkpoints.filter((c) => !c.name.includes('#'))) {
        const events = eventsUpTo(checkpoint.position);
        expect(checkpoint.events_processed).toBe(events.length);
        const g = checkpoint.generation;
        if (checkpoint.name === 'AccountBalances') {
          const rows = db.prepare(`SELECT account_id, balance, is_active FROM account_balances_g${g} ORDER BY account_id`).all();
          const expected = [...foldBalances(events)]
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([account_id, v]) => ({ account_id, balance: v.balance, is_active: v.isActive ? 1 : 0 }));
          expect(rows).toEqual(expected);
        }
        if (checkpoint.name === 'TransactionHistory') {
          const rows = db
            .prepare(`SELECT position, account_id AS accountId, amount, balance_after AS balanceAfter FROM transaction_history_g${g} ORDER BY position`)
            .all();
          expect(rows).toEqual(foldTransactions(events));
        }
        if (checkpoint.name === 'DailySummary') {
          const totals = db.prepare(`SELECT deposits, withdrawals FROM daily_summary_totals_g${g}`).all();
          const days = db.prepare(`SELECT sum(transaction_count) AS count FROM daily_summary_g${g}`).get() as { count: number | null };
          const fold = foldDailyTotals(events);
          expect(totals).toEqual(fold.count === 0 ? [] : [{ deposits: fold.deposits, withdrawals: fold.withdrawals }]);
          expect(days.count ?? 0).toBe(fold.count);
        }
        if (checkpoint.name === 'Stats') {
          const totals = db.prepare(`SELECT total_events AS events, total_aggregates AS aggregates FROM stats_totals_g${g}`).get();
          expect(totals ?? { events: 0, aggregates: 0 }).toEqual({ events: events.length, aggregates: new Set(events.map((e) => e.stream_id)).size });
        }
      }
      expect([...positions.keys()].filter((name) => !name.includes('#')).sort()).toEqual([
        'AccountBalances',
        'DailySummary',
        'Stats',
        'TransactionHistory',
        'TransferProcess',
      ]);
      return positions;
    })();
  } finally {
    db.close();
  }
}

describe('projections after a crash', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'bank-projection-crash-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('equal the fold of the log up to their checkpoints after SIGKILL, and catch up to the head after restart', async () => {
    const path = join(folder, 'event-store.sqlite');
    const first = await startChildServer({ SQLITE_PATH: path });
    const accounts = ['p-1', 'p-2', 'p-3', 'p-4'];
    for (const accountId of accounts) {
      expect((await postJson(`${first.url}/commands/open-account`, { accountId, initialBalance: 10 })).status).toBe(201);
    }
    let acknowledged = 0;
    let killed = false;
    const lane = async (accountId: string) => {
      for (let i = 1; !killed; i++) {
        try {
          const path = i % 5 === 0 ? 'withdraw' : 'deposit';
          const response = await postJson(`${first.url}/commands/${path}`, { accountId, amount: 0.01 * i });
          if (response.status === 200) acknowledged++;
          if (acknowledged >= 300 && !killed) {
            killed = true;
            await first.kill();
          }
        } catch {
          return;
        }
      }
    };
    await Promise.all(accounts.map(lane));
    expect(killed).toBe(true);

    expectProjectionsMatchTheirCheckpoints(path);

    const second = await startChildServer({ SQLITE_PATH: path });
    try {
      const head = ((await (await fetch(`${second.url}/events/stream?limit=1`)).json()) as unknown[]).length;
      expect(head).toBe(1);
      const stats = (await (await fetch(`${second.url}/stats`)).json()) as { headPosition: number; totalEvents: number };
      for (const name of ['AccountBalances', 'TransactionHistory', 'DailySummary']) {
        const read = await fetch(`${second.url}/projections/${name}?minPosition=${stats.headPosition}`);
        expect(read.status).toBe(200);
      }
      const projections = (await (await fetch(`${second.url}/projections`)).json()) as Array<{ name: string; lastProcessedVersion: number; lag: number }>;
      for (const projection of projections) {
        expect(projection).toMatchObject({ lastProcessedVersion: stats.headPosition, lag: 0 });
      }
      expect(stats.totalEvents).toBe(stats.headPosition);
    } finally {
      await second.stop();
    }
    const positions = expectProjectionsMatchTheirCheckpoints(path);
    expect(new Set(positions.values()).size).toBe(1);
  });
});
