import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { type ChildServer, postJson, startChildServer } from '../support/child-server.js';
import { waitUntil } from '../support/wait-until.js';

interface EventJson {
  id: string;
  eventType: string;
  data: { amount?: number; initialBalance?: number };
  metadata: { version: number };
}

async function signal(server: ChildServer, name: NodeJS.Signals): Promise<number | null> {
  const exited = once(server.process, 'exit');
  server.process.kill(name);
  const [code] = (await exited) as [number | null];
  return code;
}

/**
 * SIGTERM / SIGINT: the service stops taking connections, answers the requests in flight, closes the
 * store and exits 0; a restart on the same file finds every acknowledged command.
 */
describe('graceful shutdown', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'bank-shutdown-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('given SIGTERM during a burst of deposits, then exit 0 and every acknowledged deposit is stored after a restart', async () => {
    const env = { SQLITE_PATH: join(folder, 'burst.sqlite'), LOG_LEVEL: 'warn' };
    const first = await startChildServer(env);
    expect((await postJson(`${first.url}/commands/open-account`, { accountId: 'term-1', initialBalance: 0 })).status).toBe(201);

    const acknowledged: Array<{ eventId: string; amount: number }> = [];
    const otherStatuses: number[] = [];
    let stopping = false;
    const lane = async (lane: number) => {
      for (let i = 0; ; i++) {
        const amount = lane * 1000 + i + 0.01;
        try {
          const response = await postJson(`${first.url}/commands/deposit`, { accountId: 'term-1', amount });
          if (response.status === 200) acknowledged.push({ eventId: String(response.body.eventId), amount });
          else otherStatuses.push(response.status);
        } catch {
          if (stopping) return; // the server no longer takes connections
          throw new Error('a request failed before the shutdown');
        }
      }
    };
    const lanes = Promise.all(Array.from({ length: 8 }, (_, index) => lane(index + 1)));
    await waitUntil(() => acknowledged.length >= 40, 20_000, '40 acknowledged deposits');
    stopping = true;
    const code = await signal(first, 'SIGTERM');
    await lanes;
    expect(code).toBe(0);
    expect(otherStatuses).toEqual([]);
    expect(first.output()).not.toMatch(/"level":"(error|fatal)"/);

    const second = await startChildServer(env);
    try {
      const events = (await (await fetch(`${second.url}/events/account/term-1?limit=10000`)).json()) as EventJson[];
      const stored = new Map(events.map((event) => [event.id, event]));
      for (const ack of acknowledged) expect(stored.get(ack.eventId)?.data.amount).toBe(ack.amount);
      expect(events.map((event) => event.metadata.version)).toEqual(events.map((_, index) => index + 1));
      const cents = events.reduce((sum, event) => sum + Math.round((event.data.amount ?? event.data.initialBalance ?? 0) * 100), 0);
      const account = (await (await fetch(`${second.url}/queries/account/term-1?limit=0`)).json()) as { balance: number; version: number };
      expect(account).toMatchObject({ balance: cents / 100, version: events.length });
      const next = await postJson(`${second.url}/commands/deposit`, { accountId: 'term-1', amount: 1 });
      expect(next).toMatchObject({ status: 200, body: { version: events.length + 1 } });
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it('given SIGINT while a request is in flight, then that request is answered before the process exits 0', async () => {
    const server = await startChildServer({ SQLITE_PATH: join(folder, 'inflight.sqlite'), LOG_LEVEL: 'warn' });
    expect((await postJson(`${server.url}/commands/open-account`, { accountId: 'int-1' })).status).toBe(201);
    // A projection read waiting for a position nobody will write: answered with 504 after 5 s.
    const started = Date.now();
    const inFlight = fetch(`${server.url}/projections/AccountBalances?minPosition=1000`).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as { code: string },
      at: Date.now(),
    }));
    await delay(300);
    const exited = signal(server, 'SIGINT');
    await delay(300);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow(); // no new connections
    const answer = await inFlight;
    expect(answer).toMatchObject({ status: 504, body: { code: 'TIMEOUT' } });
    expect(answer.at - started).toBeGreaterThanOrEqual(4500);
    expect(await exited).toBe(0);
  });

  it('given a request longer than SHUTDOWN_TIMEOUT_MS, then its connection is closed at the deadline and the process exits 0', async () => {
    const server = await startChildServer({ SQLITE_PATH: join(folder, 'deadline.sqlite'), LOG_LEVEL: 'warn', SHUTDOWN_TIMEOUT_MS: '500' });
    const inFlight = fetch(`${server.url}/projections/AccountBalances?minPosition=1000`).then(
      (response) => response.status,
      () => 'closed',
    );
    await delay(300);
    const signalled = Date.now();
    expect(await signal(server, 'SIGTERM')).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(3000);
    expect(await inFlight).toBe('closed');
    expect(server.output()).toContain('Requests still in flight after 500 ms');
  });
});
