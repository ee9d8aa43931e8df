import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SqliteEventStore } from '../src/eventstore/adapters/sqlite/sqlite-event-store.js';
import type { StoredEvent } from '../src/eventstore/event-envelope.js';
import { newEventId } from '../src/eventstore/event-id.js';
import { legKey, transferFingerprint } from '../src/transfers/transfer-legs.js';
import { postJson, startChildServer } from './support/child-server.js';
import { createTestApp } from './support/create-test-app.js';
import { waitUntil } from './support/wait-until.js';

const T0 = Date.UTC(2026, 0, 5);

/**
 * What a process killed between a transfer's legs leaves in the log: the two accounts, the
 * withdrawal leg (with its key, as the service appends it) and, with `depositMade`, the deposit leg too,
 * but no Transfer stream, no ending and no checkpoint of the process manager.
 */
async function writeCrashedTransfer(sqlitePath: string, depositMade: boolean): Promise<void> {
  const store = new SqliteEventStore({ path: sqlitePath });
  const fingerprint = transferFingerprint('crash-a', 'crash-b', 4000);
  const leg = (key: string) => ({ key, fingerprint, statusCode: 200, createdAt: T0, body: () => ({}) });
  const event = (eventType: string, data: Record<string, unknown>, at: number) => ({ id: newEventId(), eventType, data, schemaVersion: 1, timestamp: T0 + at });
  for (const accountId of ['crash-a', 'crash-b']) {
    await store.append({ streamId: accountId, streamType: 'BankAccount', expectedVersion: 0, events: [event('AccountOpened', { initialBalance: 100 }, 0)] });
  }
  await store.append({
    streamId: 'crash-a',
    streamType: 'BankAccount',
    expectedVersion: 1,
    events: [event('MoneyWithdrawn', { amount: 40, transferId: 't-crash', toAccountId: 'crash-b' }, 1)],
    idempotency: leg(legKey('t-crash', 'withdrawal')),
  });
  if (depositMade) {
    await store.append({
      streamId: 'crash-b',
      streamType: 'BankAccount',
      expectedVersion: 1,
      events: [event('MoneyDeposited', { amount: 40, transferId: 't-crash', fromAccountId: 'crash-a' }, 2)],
      idempotency: leg(legKey('t-crash', 'deposit')),
    });
  }
  await store.close();
}

describe('transfers across a crash', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'bank-transfer-crash-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it.each([
    ['after the withdrawal', false],
    ['after the deposit, before the transfer was ended', true],
  ])('given a process killed %s, when the service starts again (twice), then the transfer completes with one deposit', async (_case, depositMade) => {
    const sqlitePath = join(folder, 'event-store.sqlite');
    await writeCrashedTransfer(sqlitePath, depositMade);
    for (let start = 1; start <= 2; start++) {
      const t = await createTestApp({ sqlitePath });
      try {
        await waitUntil(async () => (await request(t.server).get('/queries/transfers/t-crash')).body.status === 'completed', 5000, 'the transfer to complete');
        const processLag = async () =>
          ((await request(t.server).get('/projections').expect(200)).body as Array<{ name: string; lag: number }>).find((p) => p.name === 'TransferProcess')?.lag;
        await waitUntil(async () => (await processLag()) === 0, 5000, 'the process manager to catch up');
        const target = (await request(t.server).get('/events/account/crash-b').expect(200)).body as StoredEvent[];
        expect(target.filter((event) => event.data.transferId === 't-crash').map((event) => event.eventType)).toEqual(['MoneyDeposited']);
        expect((await request(t.server).get('/queries/account/crash-a').expect(200)).body.balance).toBe(60);
        expect((await request(t.server).get('/queries/account/crash-b').expect(200)).body.balance).toBe(140);
        const transferEvents = (await request(t.server).get('/events/stream?eventType=TransferRequested,TransferCompleted,TransferFailed').expect(200)).body as StoredEvent[];
        expect(transferEvents.map((event) => event.eventType)).toEqual(['TransferRequested', 'TransferCompleted']);
      } finally {
        await t.close();
      }
    }
  });

  it('given a server killed with SIGKILL in a burst of transfers, when restarted, then every transfer ends once and no money is made or lost', async () => {
    const env = { SQLITE_PATH: join(folder, 'event-store.sqlite') };
    const accounts = ['burst-a', 'burst-b', 'burst-c'];
    const first = await startChildServer(env);
    for (const accountId of accounts) {
      expect((await postJson(`${first.url}/commands/open-account`, { accountId, initialBalance: 1000 })).status).toBe(201);
    }
    let accepted = 0;
    let killed = false;
    const lane = async (index: number) => {
      for (let i = 0; !killed; i++) {
        const from = accounts[(index + i) % 3];
        // Every fourth transfer goes to an account that does not exist: it is refunded.
        const to = i % 4 === 3 ? 'burst-nobody' : accounts[(index + i + 1) % 3];
        try {
          const response = await postJson(`${first.url}/commands/transfer`, { fromAccountId: from, toAccountId: to, amount: 1.5 });
          if (response.status === 202) accepted++;
          if (accepted === 60 && !killed) {
            killed = true;
            await first.kill();
          }
        } catch {
          return; // the connection died with the process
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, (_, index) => lane(index)));
    expect(killed).toBe(true);

    const second = await startChildServer(env);
    try {
      const log = (await (await fetch(`${second.url}/events/stream?limit=10000`)).json()) as StoredEvent[];
      const transferIds = [...new Set(log.filter((event) => event.eventType === 'MoneyWithdrawn').map((event) => event.data.transferId as string))];
      expect(transferIds.length).toBeGreaterThanOrEqual(60);
      const statusOf = async (transferId: string) =>
        ((await (await fetch(`${second.url}/queries/transfers/${transferId}`)).json()) as { status?: string }).status;
      await waitUntil(async () => {
        for (const transferId of transferIds) if ((await statusOf(transferId)) !== 'completed' && (await statusOf(transferId)) !== 'failed') return false;
        return true;
      }, 20_000, 'every transfer to end');

      const events = (await (await fetch(`${second.url}/events/stream?limit=10000`)).json()) as StoredEvent[];
      for (const transferId of transferIds) {
        const legs = events.filter((event) => event.aggregateType === 'BankAccount' && event.data.transferId === transferId);
        const status = await statusOf(transferId);
        // A completed transfer: the withdrawal and the target's deposit; a failed one: the withdrawal and the refund.
        expect(legs.map((event) => event.eventType)).toEqual(['MoneyWithdrawn', 'MoneyDeposited']);
        const [withdrawal, second] = legs;
        if (status === 'completed') expect(second.aggregateId).toBe(withdrawal.data.toAccountId);
        else expect([second.aggregateId, typeof second.data.reason]).toEqual([withdrawal.aggregateId, 'string']);
      }
      const balances = await Promise.all(
        accounts.map(async (accountId) => ((await (await fetch(`${second.url}/queries/account/${accountId}`)).json()) as { balance: number }).balance),
      );
      expect(Math.round(balances.reduce((sum, balance) => sum + balance, 0) * 100)).toBe(300_000);
    } finally {
      await second.stop();
    }
  });
});
