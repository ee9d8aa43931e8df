// Projection benchmark (issue: projections and stats): 1,000,000 events over 10,000 accounts on the
// embedded store; rebuild rate of each projection, GET /stats p50, start-up time to ready, peak RSS.
// Run with `npm run bench:projections` (builds first). Env: BENCH_EVENTS, BENCH_ACCOUNTS, BENCH_KEEP=1,
// BENCH_STORE=postgres (with DATABASE_URL, default the local test database) for the PostgreSQL store.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PostgresEventStore } from '../dist/eventstore/adapters/postgres/postgres-event-store.js';
import { SqliteEventStore } from '../dist/eventstore/adapters/sqlite/sqlite-event-store.js';

const POSTGRES = process.env.BENCH_STORE === 'postgres';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `bench_projections_${process.pid}`;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const folder = mkdtempSync(join(tmpdir(), 'bank-bench-projections-'));
const path = join(folder, 'event-store.sqlite');
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

async function seed() {
  const store = POSTGRES
    ? await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema: SCHEMA, poolSize: 8 })
    : new SqliteEventStore({ path });
  const perAccount = Math.floor(EVENTS / ACCOUNTS);
  const started = Date.now();
  const pending = [];
  for (let a = 0; a < ACCOUNTS; a++) {
    const id = `acc-${a}`;
    const events = [];
    for (let v = 1; v <= perAccount; v++) {
      const timestamp = T0 + Math.floor(((a * perAccount + v) / EVENTS) * 30 * DAY);
      events.push(
        v === 1
          ? { id: randomUUID(), eventType: 'AccountOpened', data: { initialBalance: 1000 }, schemaVersion: 1, timestamp }
          : v % 4 === 0
            ? { id: randomUUID(), eventType: 'MoneyWithdrawn', data: { amount: 1.25 }, schemaVersion: 1, timestamp }
            : { id: randomUUID(), eventType: 'MoneyDeposited', data: { amount: 2.5 }, schemaVersion: 1, timestamp },
      );
    }
    pending.push(store.append({ streamId: id, streamType: 'BankAccount', expectedVersion: 0, events }));
    if (pending.length === (POSTGRES ? 8 : 200)) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  const head = await store.headPosition();
  await store.close();
  return { head, seconds: (Date.now() - started) / 1000 };
}

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address();
  server.close();
  return port;
}

async function start() {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const storeEnv = POSTGRES ? { EVENT_STORE: 'postgres', DATABASE_URL, PG_SCHEMA: SCHEMA } : { SQLITE_PATH: path };
  const child = spawn(process.execPath, ['dist/main.js'], { env: { ...process.env, PORT: String(port), ...storeEnv }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('Listening on port')) resolve();
    });
    child.once('exit', () => reject(new Error(`service exited:\n${out}`)));
  });
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { child, url: `http://127.0.0.1:${port}`, readyMs };
}

const json = async (url, init) => (await fetch(url, init)).json();

async function caughtUp(url, head) {
  for (;;) {
    const statuses = await json(`${url}/projections`);
    if (statuses.every((s) => s.lastProcessedVersion >= head)) return statuses;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

async function stop(child) {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

const seeded = await seed();
console.error(`seeded ${seeded.head} events over ${ACCOUNTS} accounts in ${seeded.seconds.toFixed(1)} s`);

// First start: projections are new and catch up from zero in the background.
const first = await start();
const catchUpStart = Date.now();
await caughtUp(first.url, seeded.head);
const catchUpSeconds = (Date.now() - catchUpStart) / 1000;
const rebuilds = [];
for (const name of ['AccountBalances', 'TransactionHistory', 'DailySummary', 'Stats']) {
  const result = await json(`${first.url}/projections/rebuild`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  rebuilds.push({ name, events: result.eventsReplayed, ms: result.durationMs, perSecond: Math.round(result.eventsReplayed / (result.durationMs / 1000)) });
}
const statsRun = await autocannon({ url: `${first.url}/stats`, connections: 10, duration: 5 });
const statsSingle = await autocannon({ url: `${first.url}/stats`, connections: 1, duration: 5 });
const rssFirst = peakRssMb(first.child.pid);
await stop(first.child);

// Second start: everything is caught up; ready means listening with projections loaded.
const second = await start();
const rssSecond = peakRssMb(second.child.pid);
await stop(second.child);

const result = {
  events: seeded.head,
  accounts: ACCOUNTS,
  catchUpFromZeroSeconds: catchUpSeconds,
  rebuilds,
  store: POSTGRES ? 'postgres' : 'sqlite',
  statsP50MsOneConnection: statsSingle.latency.p50,
  statsP50Ms: statsRun.latency.p50,
  statsP99Ms: statsRun.latency.p99,
  statsRps: statsRun.requests.average,
  readyFirstStartMs: Math.round(first.readyMs),
  readyRestartMs: Math.round(second.readyMs),
  peakRssMbWhileRebuilding: Math.round(rssFirst),
  peakRssMbRestart: Math.round(rssSecond),
};
console.log(JSON.stringify(result, null, 2));
console.log('\n| measure | value | target |\n| --- | --- | --- |');
for (const r of rebuilds) console.log(`| rebuild ${r.name} | ${r.perSecond.toLocaleString('en')} events/s (${r.events} in ${r.ms} ms) | >= 100,000 events/s |`);
console.log(`| GET /stats p50, 1 connection | ${result.statsP50MsOneConnection} ms | < 5 ms |`);
console.log(`| GET /stats p50, 10 connections | ${result.statsP50Ms} ms (p99 ${result.statsP99Ms} ms, ${result.statsRps} req/s) | |`);
console.log(`| start-up to ready (restart) | ${result.readyRestartMs} ms (first start ${result.readyFirstStartMs} ms) | < 2 s |`);
console.log(`| peak RSS | ${result.peakRssMbWhileRebuilding} MB (catch-up + 4 rebuilds + /stats load) | < 300 MB |`);
if (!process.env.BENCH_KEEP) {
  rmSync(folder, { recursive: true, force: true });
  if (POSTGRES) {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).finally(() => client.end());
  }
}
