import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '../src/eventstore/event-envelope.js';
import { type ChildServer, postJson, startChildServer } from './support/child-server.js';
import { BURST_ACCOUNTS, depositBurst } from './support/deposit-burst.js';
import { foldAccountBalances, readLog } from './support/event-log.js';
import { deleteKeys, describeWithRedis, freshKeyPrefix, REDIS_URL } from './support/redis.js';
import { pool } from './support/request-pool.js';
import { TcpFaultProxy } from './support/tcp-fault-proxy.js';
import { waitUntil } from './support/wait-until.js';

interface BalancesRead {
  name: string;
  lastProcessedVersion: number;
  data: { balances: Record<string, { balance: number; isActive: boolean; lastUpdated: number }> };
}

/** A read's balances as the fold gives them: minor units and whether the account is open. */
function folded(read: BalancesRead): Record<string, { balance: number; isActive: boolean }> {
  return Object.fromEntries(Object.entries(read.data.balances).map(([id, entry]) => [id, { balance: Math.round(entry.balance * 100), isActive: entry.isActive }]));
}

async function readBalances(url: string, query: string): Promise<BalancesRead> {
  const limit = query.includes('limit=') ? '' : 'limit=10000&';
  const response = await fetch(`${url}/projections/AccountBalances?${limit}${query}`);
  if (!response.ok) throw new Error(`GET AccountBalances?${query}: ${response.status} ${await response.text()}`);
  return (await response.json()) as BalancesRead;
}

const head = (log: readonly StoredEvent[]) => log.at(-1)?.position ?? 0;

async function status(url: string, name: string): Promise<{ status: string; lastError?: string }> {
  const statuses = (await (await fetch(`${url}/projections`)).json()) as Array<{ name: string; status: string; lastError?: string }>;
  return statuses.find((entry) => entry.name === name)!;
}

await describeWithRedis('AccountBalances kept in Redis', () => {
  let folder: string;
  let prefix: string;
  let server: ChildServer | undefined;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'redis-model-'));
    prefix = freshKeyPrefix();
  });

  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await deleteKeys(prefix);
    rmSync(folder, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) => ({ SQLITE_PATH: join(folder, 'events.sqlite'), LOG_LEVEL: 'warn', REDIS_URL, REDIS_KEY_PREFIX: prefix, ...extra });

  it('equals the fold of the log and the SQL copy after a burst, read with ?source=redis and minPosition', async () => {
    server = await startChildServer(env());
    const statuses = await depositBurst(server.url, 'burst', 1500);
    expect(statuses.every((code) => code === 200 || code === 201)).toBe(true);
    const log = await readLog(server.url);
    const redis = await readBalances(server.url, `source=redis&minPosition=${head(log)}`);
    expect(redis.name).toBe('RedisAccountBalances');
    expect(redis.lastProcessedVersion).toBe(head(log));
    expect(folded(redis)).toEqual(foldAccountBalances(log));
    expect(Object.keys(redis.data.balances)).toHaveLength(BURST_ACCOUNTS);
    const sql = await readBalances(server.url, `minPosition=${head(log)}`);
    expect(redis.data.balances).toEqual(sql.data.balances);

    const one = await readBalances(server.url, 'source=redis&accountId=burst-3');
    expect(one.data.balances).toEqual({ 'burst-3': sql.data.balances['burst-3'] });
    const page = await readBalances(server.url, 'source=redis&after=burst-15&limit=3');
    expect(Object.keys(page.data.balances)).toEqual(['burst-16', 'burst-17', 'burst-18']);
  });

  it('equals the fold of the log after a SIGKILL in the middle of a burst and a restart', async () => {
    server = await startChildServer(env());
    let answered = 0;
    const killed = server;
    const running = depositBurst(killed.url, 'kill', 3000, () => (answered += 1));
    await waitUntil(() => answered >= 800, 60_000, '800 answered deposits');
    await killed.kill();
    await running;
    server = await startChildServer(env());
    const log = await readLog(server.url);
    const redis = await readBalances(server.url, `source=redis&minPosition=${head(log)}`);
    expect(folded(redis)).toEqual(foldAccountBalances(log));
  });

  it('while rebuilt under writes, a reader polling it never sees a partial copy: every read equals the fold up to its position', async () => {
    server = await startChildServer(env());
    await depositBurst(server.url, 'rebuild', 2500);
    const url = server.url;
    const reads: BalancesRead[] = [];
    let rebuilding = true;
    const poller = (async () => {
      while (rebuilding) reads.push(await readBalances(url, 'source=redis'));
    })();
    const writes = pool(600, 8, (index) => postJson(`${url}/commands/deposit`, { accountId: `rebuild-${index % BURST_ACCOUNTS}`, amount: 0.05 }));
    const rebuild = await postJson(`${url}/projections/rebuild`, { name: 'RedisAccountBalances' });
    const during = reads.length;
    await writes;
    rebuilding = false;
    await poller;
    expect(rebuild).toMatchObject({ status: 200, body: { name: 'RedisAccountBalances', status: 'running' } });
    expect(during).toBeGreaterThan(0);

    const log = await readLog(url);
    for (const read of reads) expect({ position: read.lastProcessedVersion, balances: folded(read) }).toEqual({ position: read.lastProcessedVersion, balances: foldAccountBalances(log, read.lastProcessedVersion) });
    expect(folded(await readBalances(url, `source=redis&minPosition=${head(log)}`))).toEqual(foldAccountBalances(log));
  });

  it('is the default source with ACCOUNT_BALANCES_SOURCE=redis; ?source=sql still reads the SQL copy', async () => {
    server = await startChildServer(env({ ACCOUNT_BALANCES_SOURCE: 'redis' }));
    await depositBurst(server.url, 'switch', 20);
    expect((await readBalances(server.url, '')).name).toBe('RedisAccountBalances');
    expect((await readBalances(server.url, 'source=sql')).name).toBe('AccountBalances');
  });

  it('while Redis is away: commands succeed, the copy shows faulted (also in /health), reads of it are 503, and it catches up once Redis is back', async () => {
    const redisUrl = new URL(REDIS_URL);
    const proxy = await TcpFaultProxy.start({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
    try {
      server = await startChildServer(env({ REDIS_URL: proxy.url(REDIS_URL) }));
      const url = server.url;
      await depositBurst(url, 'away', 100);
      proxy.cut();
      const during = await pool(200, 10, async (index) => (await postJson(`${url}/commands/deposit`, { accountId: `away-${index % BURST_ACCOUNTS}`, amount: 1 })).status);
      expect(during.every((code) => code === 200)).toBe(true);
      await waitUntil(async () => (await status(url, 'RedisAccountBalances')).status === 'faulted', 30_000, 'the Redis copy to fault');
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { details: Record<string, unknown> }).details.redisReadModel).toMatchObject({ status: 'down', state: 'faulted' });
      const unavailable = await fetch(`${url}/projections/AccountBalances?source=redis`);
      expect(unavailable.status).toBe(503);
      expect(await unavailable.json()).toMatchObject({ code: 'STORE_UNAVAILABLE' });

      proxy.heal();
      const log = await readLog(url);
      const caughtUp = await readBalances(url, `source=redis&minPosition=${head(log)}`);
      expect(folded(caughtUp)).toEqual(foldAccountBalances(log));
    } finally {
      await server?.stop();
      server = undefined;
      await proxy.close();
    }
  });
});
