// Diagnostic, not part of `npm run bench`: deposits/s of two builds of the service, A and B, side by side.
// Both run at once (fresh SQLite files, LOG_LEVEL=warn, 100 accounts each) and the same autocannon load as
// `npm run bench` (10 connections) alternates between them in short slices (A B, B A, ...), so a shared,
// noisy machine slows both alike; it prints each pair's B ÷ A and their median, for deposits/s and for the
// server's CPU time per deposit (all its threads, and its main thread alone, from /proc), which the machine's
// noise moves less. For each side it also prints how much of the time its main thread ran and how much it
// waited for a core, and the load generator's own CPU per deposit: what the second core has left.
// Usage: node bench/diag/ab-deposits.mjs <A>/dist/main.js <B>/dist/main.js
//   (env: AB_PAIRS=10, AB_SLICE=2 seconds, AB_STORE=postgres for both on PostgreSQL at DATABASE_URL, each in
//   a fresh schema of its own; a build of another commit: `git worktree add /tmp/a <commit>`, then
//   `npm ci && npm run build` there; AB_ENV_A / AB_ENV_B = JSON of extra environment for one side, e.g.
//   '{"EVENT_STORE":"memory"}'; bench/bare-app/main.mjs as a side measures against the bare-NestJS floor)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { depositLoad } from './deposit-load.mjs';
import { cpuSeconds, mainThreadCpuSeconds, mainThreadRunQueueSeconds } from './process-cpu.mjs';

const MAINS = process.argv.slice(2, 4);
if (MAINS.length !== 2) throw new Error('usage: node bench/diag/ab-deposits.mjs <A main.js> <B main.js>');
const PAIRS = Number(process.env.AB_PAIRS ?? 10);
const SLICE = Number(process.env.AB_SLICE ?? 2);
const ACCOUNTS = 100;
const STORE = process.env.AB_STORE ?? 'sqlite';
const RUN = `ab_${process.pid}`;

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The bare-NestJS floor of `npm run bench` takes its deposits on a route of its own and has no accounts. */
const isFloor = (main) => main.includes('bare-app');

async function start(main, dir, name) {
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    EVENT_STORE: STORE,
    SQLITE_PATH: path.join(dir, `${name}.sqlite`),
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    PG_SCHEMA: `${RUN}_${name}`,
    ...JSON.parse(process.env[`AB_ENV_${name.toUpperCase()}`] ?? '{}'),
  };
  const child = spawn(process.execPath, [path.resolve(main)], { env, stdio: 'ignore' });
  const side = { main, url: `http://127.0.0.1:${port}`, child, rates: [], cpus: [], mainCpus: [], busy: [], runQueue: [], loadCpus: [] };
  const pgSchema = !isFloor(main) && env.EVENT_STORE === 'postgres' ? { databaseUrl: env.DATABASE_URL, schema: env.PG_SCHEMA } : undefined;
  if (pgSchema) schemasMade.push(pgSchema);
  const { url } = side;
  await untilAnswered(url, main);
  if (isFloor(main)) return { ...side, load: floorDeposits };
  await untilAnswered(`${url}/health`, main);
  for (let index = 1; index <= ACCOUNTS; index++) {
    const response = await fetch(`${url}/commands/open-account`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: `acc-${index}` }),
    });
    if (response.status !== 201) throw new Error(`${main}: open-account -> ${response.status}`);
  }
  return { ...side, load: deposits };
}

/** Polls `url` until the server `main` answers it at all (any status), for at most 30 s. */
async function untilAnswered(url, main) {
  for (let waited = 0; !(await fetch(url).then(() => true, () => false)); waited += 100) {
    if (waited > 30_000) throw new Error(`${main} did not answer`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The PostgreSQL schemas the sides were given (AB_STORE=postgres, or EVENT_STORE in an AB_ENV_*), dropped at the end. */
const schemasMade = [];

const deposits = depositLoad({ accounts: ACCOUNTS });
const floorDeposits = depositLoad({ route: '/bare/deposit', accounts: ACCOUNTS });

/**
 * Seconds so far: wall clock, the server's CPU (all threads, main thread), its main thread's run-queue
 * wait, and this process's CPU (the load generator); with `since`, the seconds after that reading.
 */
function timesOf(pid, since) {
  const now = {
    wall: performance.now() / 1000,
    all: cpuSeconds(pid),
    main: mainThreadCpuSeconds(pid),
    runQueue: mainThreadRunQueueSeconds(pid),
    loadGenerator: cpuSeconds(process.pid),
  };
  return since ? Object.fromEntries(Object.entries(now).map(([name, value]) => [name, value - since[name]])) : now;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const dir = mkdtempSync(path.join(os.tmpdir(), 'ab-deposits-'));
const servers = [await start(MAINS[0], dir, 'a'), await start(MAINS[1], dir, 'b')];
try {
  for (const server of servers) await server.load(server.url, SLICE); // warm-up
  const ratios = [];
  const cpuRatios = [];
  for (let pair = 0; pair < PAIRS; pair++) {
    const rates = [];
    const cpus = [];
    for (const index of pair % 2 ? [1, 0] : [0, 1]) {
      const server = servers[index];
      const before = timesOf(server.child.pid);
      const result = await server.load(server.url, SLICE);
      const used = timesOf(server.child.pid, before);
      const perDeposit = (seconds) => (1e6 * seconds) / result.requests.total;
      server.busy.push(used.main / used.wall);
      server.runQueue.push(used.runQueue / used.wall);
      server.loadCpus.push(perDeposit(used.loadGenerator));
      cpus[index] = perDeposit(used.all);
      server.cpus.push(cpus[index]);
      server.mainCpus.push(perDeposit(used.main));
      if (result.non2xx > 0) throw new Error(`${server.main}: ${result.non2xx} non-2xx responses`);
      rates[index] = result.requests.average;
      server.rates.push(result.requests.average);
    }
    ratios.push(rates[1] / rates[0]);
    cpuRatios.push(cpus[1] / cpus[0]);
  }
  for (const [index, server] of servers.entries()) console.log(`${'AB'[index]} ${server.main}: median ${Math.round(median(server.rates))} deposits/s, ${Math.round(median(server.cpus))} µs CPU each (${Math.round(median(server.mainCpus))} on the main thread)`);
  for (const [index, server] of servers.entries()) {
    const percent = (values) => `${Math.round(100 * median(values))}%`;
    console.log(`${'AB'[index]}'s main thread: running ${percent(server.busy)} of the time, waiting for a core ${percent(server.runQueue)}; the load generator: ${Math.round(median(server.loadCpus))} µs CPU per deposit`);
  }
  console.log(`CPU per deposit, B ÷ A per pair: ${cpuRatios.map((ratio) => ratio.toFixed(2)).join(' ')}; median ${median(cpuRatios).toFixed(3)}`);
  console.log(`B ÷ A per pair: ${ratios.map((ratio) => ratio.toFixed(2)).join(' ')}; median ${median(ratios).toFixed(3)}`);
} finally {
  await Promise.all(servers.map((server) => new Promise((resolve) => (server.child.once('exit', resolve), server.child.kill('SIGTERM')))));
  rmSync(dir, { recursive: true, force: true });
  if (schemasMade.length > 0) {
    const { default: pg } = await import('pg');
    for (const { databaseUrl, schema } of schemasMade) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }
}
