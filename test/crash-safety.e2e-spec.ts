import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postJson, startChildServer } from './support/child-server.js';

/**
 * A 2xx means the events are committed: a server killed with SIGKILL in the middle of a burst of
 * deposits, restarted on the same file, has every acknowledged deposit in the account's history.
 */
describe('crash safety', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'bank-crash-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps every acknowledged deposit when the process is killed mid-burst', async () => {
    const env = { SQLITE_PATH: join(folder, 'event-store.sqlite') };
    const first = await startChildServer(env);
    expect((await postJson(`${first.url}/commands/open-account`, { accountId: 'crash-1', initialBalance: 0 })).status).toBe(201);

    const acknowledged: Array<{ eventId: string; amount: number }> = [];
    let killed = false;
    let attempted = 0;
    const worker = async (lane: number) => {
      for (let i = 0; !killed; i++) {
        const amount = lane * 1000 + i + 0.01;
        attempted++;
        try {
          const response = await postJson(`${first.url}/commands/deposit`, { accountId: 'crash-1', amount });
          if (response.status === 200) acknowledged.push({ eventId: String(response.body.eventId), amount });
          if (acknowledged.length === 150 && !killed) {
            killed = true;
            await first.kill();
          }
        } catch {
          return; // the connection died with the process
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, lane) => worker(lane + 1)));
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    expect(attempted).toBeGreaterThan(acknowledged.length - 1);

    const second = await startChildServer(env);
    try {
      const events = (await (await fetch(`${second.url}/events/account/crash-1?limit=10000`)).json()) as Array<{
        id: string;
        eventType: string;
        data: { amount?: number };
        metadata: { version: number };
      }>;
      const stored = new Map(events.map((event) => [event.id, event]));
      for (const ack of acknowledged) {
        expect(stored.get(ack.eventId)?.data.amount).toBe(ack.amount);
      }
      expect(events.map((event) => event.metadata.version)).toEqual(events.map((_, index) => index + 1));
      const account = (await (await fetch(`${second.url}/queries/account/crash-1?limit=0`)).json()) as { balance: number; version: number };
      const cents = events.reduce((sum, event) => sum + Math.round((event.data.amount ?? 0) * 100), 0);
      expect(account.balance).toBe(cents / 100);
      expect(account.version).toBe(events.length);
      const after = await postJson(`${second.url}/commands/deposit`, { accountId: 'crash-1', amount: 1 });
      expect(after.status).toBe(200);
      expect(after.body.version).toBe(events.length + 1);
    } finally {
      await second.stop();
    }
  });
});
