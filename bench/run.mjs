// Benchmark: the service's deposit throughput against a bare-NestJS floor, and GET account latency at
// 10 vs 10,000 events. Run with `npm run bench` (builds dist/ first). See BENCHMARKS.md.
//
// Env (all optional):
//   BENCH_DURATION      seconds per measured run (default 10)
//   BENCH_WARMUP        seconds of warm-up per target, not measured (default 2)
//   BENCH_CONNECTIONS   autocannon connections (default 10)
//   BENCH_ROUNDS        measured rounds; target order alternates A,B / B,A per round (default 3)
//   BENCH_ACCOUNTS      accounts the deposits are spread over (default 100)
//   BENCH_LARGE_EVENTS  events in the large account (default 10000)
//   BENCH_SNAPSHOT_EVERY  SNAPSHOT_EVERY for the service (default 10, the service's default)
//   BENCH_MEMORY_STORE  1: also measure deposits against the service with EVENT_STORE=memory (diagnostic)
//   BENCH_SQLITE_NORMAL 1: also measure deposits against the service with SQLITE_SYNCHRONOUS=normal (appends
//                       acknowledged without waiting for the WAL flush; diagnostic)
//   BENCH_LOG_LEVEL     LOG_LEVEL of the measured services (default warn: no per-request access log)
//   BENCH_POSTGRES      1: also measure deposits on PostgreSQL (DATABASE_URL, default the local test database),
//                       with one instance and with two instances on one schema (load split across both)
//   BENCH_GET_LIMIT     when set (e.g. 5): also measure GET ?limit=N for both accounts (same response size)
//   BENCH_BASELINE      a checkout of another commit with its own `npm ci && npm run build` done (for example
//                       `git worktree add /tmp/base <commit>`): also measure its dist/main.js, to compare two
//                       builds in one run
import autocannon from 'autocannon';
import pg from 'pg';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = path.join(ROOT, 'bench', 'results');

const config = {
  durationSec: positive('BENCH_DURATION', 10),
  warmupSec: nonNegative('BENCH_WARMUP', 2),
  connections: positive('BENCH_CONNECTIONS', 10),
  rounds: positive('BENCH_ROUNDS', 3),
  accounts: positive('BENCH_ACCOUNTS', 100),
  largeEvents: positive('BENCH_LARGE_EVENTS', 10_000),
  smallEvents: 10,
  snapshotEvery: positive('BENCH_SNAPSHOT_EVERY', 10),
  memoryStore: process.env.BENCH_MEMORY_STORE === '1',
  sqliteNormal: process.env.BENCH_SQLITE_NORMAL === '1',
  getLimit: process.env.BENCH_GET_LIMIT ? Number(process.env.BENCH_GET_LIMIT) : null,
  postgres: process.env.BENCH_POSTGRES === '1',
  baseline: process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : null,
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
};

function positive(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return value;
}

function nonNegative(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value >= 0)) throw new Error(`${name} must be a number >= 0, got ${JSON.stringify(raw)}`);
  return value;
}

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

// ---------------------------------------------------------------------------------------------------
// Provenance: which code was measured (the working tree may be shared and change between runs).

function git(...args) {
  return gitIn(ROOT, ...args);
}

function gitIn(cwd, ...args) {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** The commit of the baseline checkout, for the report. */
function baselineCommit(dir) {
  return `commit ${gitIn(dir, 'rev-parse', '--short', 'HEAD') ?? 'unknown'}`;
}

function distBuiltAt() {
  try {
    return statSync(path.join(ROOT, 'dist', 'main.js')).mtime.toISOString();
  } catch {
    return null;
  }
}

function provenance() {
  const dirty = git('status', '--porcelain', '--', 'src', 'package.json', 'package-lock.json');
  return {
    commit: git('rev-parse', '--short', 'HEAD'),
    uncommittedSourceChanges: dirty ? dirty.split('\n').map((line) => line.trim()) : [],
    distBuiltAt: distBuiltAt(),
  };
}

// ---------------------------------------------------------------------------------------------------
// Child processes

const children = new Set();
const tempDirs = new Set();

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts `node <script>` with `env`; stdout is discarded, the tail of stderr is kept for error reports. */
async function startServer(name, script, env, nodeArgs = []) {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const server = { name, port, child, url: `http://127.0.0.1:${port}`, stderr: () => stderr, exited: false };
  child.on('exit', (code, signal) => {
    server.exited = true;
    children.delete(child);
    if (!stopping) log(`${name} exited (code ${code}, signal ${signal})${stderr ? `:\n${stderr}` : ''}`);
  });
  children.add(child);
  await waitUntilAnswering(server);
  return server;
}

async function waitUntilAnswering(server, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exited) throw new Error(`${server.name} exited before answering:\n${server.stderr()}`);
    try {
      await fetch(`${server.url}/`, { signal: AbortSignal.timeout(1000) }); // any HTTP answer (404 too) will do
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${server.name} did not answer within ${timeoutMs} ms:\n${server.stderr()}`);
}

let stopping = false;

async function stopAll() {
  stopping = true;
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  if (config.postgres) {
    const client = new pg.Client({ connectionString: config.databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS bench_${process.pid} CASCADE`).finally(() => client.end());
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    void stopAll().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------------
// HTTP helpers (setup and seeding; not measured)

async function post(server, route, body) {
  const response = await fetch(`${server.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${route} ${JSON.stringify(body)} -> ${response.status} ${text}`);
  return JSON.parse(text);
}

async function getJson(server, route) {
  const response = await fetch(`${server.url}${route}`);
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${route} -> ${response.status} ${text}`);
  return JSON.parse(text);
}

/** Sends `count` deposits of 1 to one account with `connections` concurrent connections (autocannon `amount`). */
async function seedDeposits(server, accountId, count, connections = 4) {
  if (count <= 0) return;
  const result = await autocannon({
    url: server.url,
    connections: Math.min(connections, count),
    amount: count,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/commands/deposit',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accountId, amount: 1 }),
      },
    ],
  });
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(`seeding ${accountId}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Measurement

/**
 * One autocannon run. Latency percentiles are computed here from every 2xx response's time (float ms,
 * from autocannon's per-response hrtime), since autocannon's own histogram has 1 ms resolution.
 */
async function measure(target, seconds, { record = true } = {}) {
  const latencies = [];
  // A target with several servers splits the connections across them and adds up the results.
  const servers = target.servers ?? [target.server];
  // One request generator for every server: a rotating deposit spreads over the accounts as one stream,
  // so two instances do not walk the same accounts in lockstep.
  const request = target.request();
  const results = await Promise.all(
    servers.map((server, index) => {
      const instance = autocannon({
        url: server.url,
        connections: Math.max(1, Math.round(config.connections / servers.length) + (index === 0 ? config.connections % servers.length : 0)),
        duration: seconds,
        timeout: 30,
        requests: [request],
      });
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        if (record && statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      });
      return instance;
    }),
  );
  const result = results.reduce((sum, next) => ({
    ...sum,
    requests: { average: sum.requests.average + next.requests.average },
    '2xx': sum['2xx'] + next['2xx'],
    non2xx: sum.non2xx + next.non2xx,
    errors: sum.errors + next.errors,
    timeouts: sum.timeouts + next.timeouts,
  }));
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(
      `${target.label}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts ` +
        `(status codes ${JSON.stringify(result.statusCodeStats)}); server stderr:\n${servers.map((server) => server.stderr()).join('\n')}`,
    );
  }
  if (!record) return null;
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    total2xx: result['2xx'],
    durationSec: result.duration,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    mean: latencies.reduce((sum, value) => sum + value, 0) / latencies.length,
    autocannonP50: result.latency.p50,
    autocannonP99: result.latency.p99,
  };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** Warms each target up, then runs `rounds` rounds, alternating the order (A B, B A, ...). */
async function compare(targets) {
  for (const target of targets) {
    if (config.warmupSec > 0) {
      log(`warm-up ${target.label} (${config.warmupSec}s)`);
      await measure(target, config.warmupSec, { record: false });
    }
  }
  const runs = Object.fromEntries(targets.map((target) => [target.key, []]));
  for (let round = 1; round <= config.rounds; round++) {
    const order = round % 2 === 1 ? targets : [...targets].reverse();
    for (const target of order) {
      log(`round ${round}/${config.rounds}: ${target.label} (${config.durationSec}s)`);
      const run = await measure(target, config.durationSec);
      log(`  ${fmt(run.rps, 0)} req/s, p50 ${fmt(run.p50, 2)} ms, p99 ${fmt(run.p99, 2)} ms`);
      runs[target.key].push({ round, ...run });
    }
  }
  return runs;
}

/** The median of the rounds (with an even number of rounds, the mean of the middle two). */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summarize(runs) {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
  };
}

function fmt(value, digits) {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

// ---------------------------------------------------------------------------------------------------
// Targets

function accountIds(prefix, count) {
  const width = String(count - 1).length;
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(width, '0')}`);
}

/** POST deposit bodies rotating over `ids` (one counter per target, shared by all connections). */
function rotatingDeposit(route, ids) {
  let next = 0;
  return () => ({
    method: 'POST',
    path: route,
    headers: { 'content-type': 'application/json' },
    setupRequest: (request) => {
      const accountId = ids[next++ % ids.length];
      return { ...request, body: JSON.stringify({ accountId, amount: 1 }) };
    },
  });
}

function getRoute(route) {
  return () => ({ method: 'GET', path: route });
}

async function openAccounts(server, ids) {
  for (const accountId of ids) await post(server, '/commands/open-account', { accountId, initialBalance: 0 });
}

async function main() {
  const started = new Date();
  const loadBefore = os.loadavg();
  const code = provenance();
  log(`config ${JSON.stringify(config)}`);

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bank-bench-'));
  tempDirs.add(tmp);
  const serviceEnv = (store, name = store) => ({
    // Access logs off by default, like the floor (which logs nothing); BENCH_LOG_LEVEL=info measures them.
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    SQLITE_PATH: path.join(tmp, `${name}-event-store.sqlite`),
    SNAPSHOT_EVERY: String(config.snapshotEvery),
    EVENT_STORE: store,
  });

  log('starting bare NestJS floor and the service');
  const floor = await startServer('bare-nest', path.join(ROOT, 'bench', 'bare-app', 'main.mjs'), {});
  const service = await startServer('service', path.join(ROOT, 'dist', 'main.js'), serviceEnv('sqlite'));
  const memory = config.memoryStore
    ? await startServer('service-memory', path.join(ROOT, 'dist', 'main.js'), serviceEnv('memory'))
    : null;
  const normal = config.sqliteNormal
    ? await startServer('service-sync-normal', path.join(ROOT, 'dist', 'main.js'), { ...serviceEnv('sqlite', 'sqlite-normal'), SQLITE_SYNCHRONOUS: 'normal' })
    : null;
  const baseline = config.baseline
    ? await startServer('service-baseline', path.join(config.baseline, 'dist', 'main.js'), serviceEnv('sqlite', 'baseline'))
    : null;
  const pgEnv = { ...serviceEnv('postgres'), DATABASE_URL: config.databaseUrl, PG_SCHEMA: `bench_${process.pid}` };
  const postgres = config.postgres ? await startServer('service-postgres', path.join(ROOT, 'dist', 'main.js'), pgEnv) : null;
  const postgresSecond = config.postgres ? await startServer('service-postgres-2', path.join(ROOT, 'dist', 'main.js'), pgEnv) : null;

  // Sanity: the floor validates, the service answers.
  await post(floor, '/bare/deposit', { accountId: 'x', amount: 1 });
  const refused = await fetch(`${floor.url}/bare/deposit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accountId: 1, amount: 'x' }),
  });
  if (refused.status !== 400) throw new Error(`bare floor did not validate (status ${refused.status})`);

  // (a)/(b) Deposits spread over pre-opened accounts.
  const ids = accountIds('bench-dep', config.accounts);
  log(`opening ${ids.length} accounts`);
  await openAccounts(service, ids);
  if (memory) await openAccounts(memory, ids);
  if (normal) await openAccounts(normal, ids);
  if (baseline) await openAccounts(baseline, ids);
  if (postgres) await openAccounts(postgres, ids);

  const depositTargets = [
    { key: 'floor', label: 'bare NestJS POST (floor)', server: floor, request: rotatingDeposit('/bare/deposit', ids) },
    { key: 'deposit', label: 'service POST /commands/deposit', server: service, request: rotatingDeposit('/commands/deposit', ids) },
  ];
  if (memory) {
    depositTargets.push({
      key: 'depositMemory',
      label: 'service POST /commands/deposit (EVENT_STORE=memory, diagnostic)',
      server: memory,
      request: rotatingDeposit('/commands/deposit', ids),
    });
  }
  if (normal) {
    depositTargets.push({
      key: 'depositSyncNormal',
      label: 'service POST /commands/deposit (SQLite synchronous=NORMAL, diagnostic)',
      server: normal,
      request: rotatingDeposit('/commands/deposit', ids),
    });
  }
  if (baseline) {
    depositTargets.push({
      key: 'depositBaseline',
      label: `service POST /commands/deposit (baseline build, ${baselineCommit(config.baseline)})`,
      server: baseline,
      request: rotatingDeposit('/commands/deposit', ids),
    });
  }
  if (postgres) {
    depositTargets.push(
      {
        key: 'depositPostgres',
        label: 'service POST /commands/deposit (PostgreSQL, one instance)',
        server: postgres,
        request: rotatingDeposit('/commands/deposit', ids),
      },
      {
        key: 'depositPostgresTwo',
        label: 'service POST /commands/deposit (PostgreSQL, two instances, load split)',
        servers: [postgres, postgresSecond],
        request: rotatingDeposit('/commands/deposit', ids),
      },
    );
  }
  const depositRuns = await compare(depositTargets);

  // (c) GET account with 10 and 10,000 events (seeding is not measured).
  const small = 'bench-get-small';
  const large = 'bench-get-large';
  log(`seeding ${small} (${config.smallEvents} events) and ${large} (${config.largeEvents} events)`);
  await openAccounts(service, [small, large]);
  await seedDeposits(service, small, config.smallEvents - 1, 1);
  const seedStart = Date.now();
  await seedDeposits(service, large, config.largeEvents - 1, 4);
  log(`  seeded ${large} in ${((Date.now() - seedStart) / 1000).toFixed(1)}s`);
  const smallView = await getJson(service, `/queries/account/${small}`);
  const largeView = await getJson(service, `/queries/account/${large}`);
  if (smallView.version !== config.smallEvents || largeView.version !== config.largeEvents) {
    throw new Error(`seeded versions ${smallView.version}/${largeView.version}, expected ${config.smallEvents}/${config.largeEvents}`);
  }
  const getTargets = [
    { key: 'getSmall', label: `GET /queries/account (${config.smallEvents} events)`, server: service, request: getRoute(`/queries/account/${small}`) },
    { key: 'getLarge', label: `GET /queries/account (${config.largeEvents} events)`, server: service, request: getRoute(`/queries/account/${large}`) },
  ];
  if (config.getLimit !== null) {
    const q = `?limit=${config.getLimit}`;
    getTargets.push(
      { key: 'getSmallLimited', label: `GET /queries/account${q} (${config.smallEvents} events)`, server: service, request: getRoute(`/queries/account/${small}${q}`) },
      { key: 'getLargeLimited', label: `GET /queries/account${q} (${config.largeEvents} events)`, server: service, request: getRoute(`/queries/account/${large}${q}`) },
    );
  }
  const getRuns = await compare(getTargets);

  await stopAll();
  code.distRebuiltDuringRun = distBuiltAt() !== code.distBuiltAt;
  if (code.distRebuiltDuringRun) log('warning: dist/main.js changed during the run (a concurrent build?); the running services kept the code they loaded at start');

  // ---- Report
  const runs = { ...depositRuns, ...getRuns };
  const labels = Object.fromEntries([...depositTargets, ...getTargets].map((t) => [t.key, t.label]));
  const summary = Object.fromEntries(Object.entries(runs).map(([key, list]) => [key, summarize(list)]));
  const perRound = (a, b, field) => runs[a].map((run, i) => runs[b][i][field] / run[field]);

  const depositRatio = summary.deposit.rps / summary.floor.rps;
  const getRatio = summary.getLarge.p50 / summary.getSmall.p50;
  const ratios = {
    depositThroughputVsFloor: {
      value: depositRatio,
      perRound: perRound('floor', 'deposit', 'rps'),
      target: '>= 0.60',
      met: depositRatio >= 0.6,
    },
    getP50LargeVsSmall: {
      value: getRatio,
      perRound: perRound('getSmall', 'getLarge', 'p50'),
      target: '<= 1.5',
      met: getRatio <= 1.5,
    },
  };
  if (summary.depositMemory) {
    ratios.depositMemoryStoreVsFloor = { value: summary.depositMemory.rps / summary.floor.rps, perRound: perRound('floor', 'depositMemory', 'rps') };
  }
  if (summary.depositSyncNormal) {
    ratios.depositSyncNormalVsFloor = { value: summary.depositSyncNormal.rps / summary.floor.rps, perRound: perRound('floor', 'depositSyncNormal', 'rps') };
  }
  if (summary.depositBaseline) {
    ratios.depositBaselineVsFloor = { value: summary.depositBaseline.rps / summary.floor.rps, perRound: perRound('floor', 'depositBaseline', 'rps') };
    ratios.depositVsBaseline = { value: summary.deposit.rps / summary.depositBaseline.rps, perRound: perRound('depositBaseline', 'deposit', 'rps') };
  }
  if (summary.depositPostgres) {
    ratios.depositPostgresVsSqlite = {
      value: summary.depositPostgres.rps / summary.deposit.rps,
      perRound: perRound('deposit', 'depositPostgres', 'rps'),
      target: '>= 0.50',
      met: summary.depositPostgres.rps / summary.deposit.rps >= 0.5,
    };
    ratios.depositPostgresTwoVsOne = {
      value: summary.depositPostgresTwo.rps / summary.depositPostgres.rps,
      perRound: perRound('depositPostgres', 'depositPostgresTwo', 'rps'),
    };
  }
  if (summary.getSmallLimited) {
    ratios.getLimitedP50LargeVsSmall = {
      value: summary.getLargeLimited.p50 / summary.getSmallLimited.p50,
      perRound: perRound('getSmallLimited', 'getLargeLimited', 'p50'),
    };
  }

  const lines = [];
  lines.push(
    `Run ${started.toISOString()} — ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ` +
      `load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
  );
  lines.push(
    `Code: commit ${code.commit ?? 'unknown'}` +
      (code.uncommittedSourceChanges.length ? ` + ${code.uncommittedSourceChanges.length} uncommitted change(s) under src/ or package files` : ', clean src/') +
      `; dist/main.js built ${code.distBuiltAt ?? 'unknown'}${code.distRebuiltDuringRun ? ' (rebuilt during the run!)' : ''}`,
  );
  lines.push(
    `${config.connections} connections, ${config.durationSec}s per run, ${config.rounds} round(s) (order alternating), ` +
      `${config.warmupSec}s warm-up per target; deposits over ${config.accounts} accounts; SNAPSHOT_EVERY=${config.snapshotEvery}`,
  );
  lines.push('');
  lines.push('| Measurement | req/s (median) | p50 ms (median) | p99 ms (median) | req/s per round | p50 ms per round |');
  lines.push('|---|---:|---:|---:|---|---|');
  for (const [key, s] of Object.entries(summary)) {
    lines.push(
      `| ${labels[key]} | ${fmt(s.rps, 0)} | ${fmt(s.p50, 2)} | ${fmt(s.p99, 2)} | ` +
        `${runs[key].map((r) => fmt(r.rps, 0)).join(', ')} | ${runs[key].map((r) => fmt(r.p50, 2)).join(', ')} |`,
    );
  }
  lines.push('');
  lines.push('| Ratio | Value (of the medians) | Per round | Target | Met |');
  lines.push('|---|---:|---|---|---|');
  lines.push(
    `| deposit req/s ÷ floor req/s | ${fmt(depositRatio * 100, 1)}% | ${ratios.depositThroughputVsFloor.perRound.map((v) => `${fmt(v * 100, 1)}%`).join(', ')} | ≥ 60% | ${depositRatio >= 0.6 ? 'yes' : 'no'} |`,
  );
  lines.push(
    `| GET p50 at ${config.largeEvents} events ÷ at ${config.smallEvents} events | ${fmt(getRatio, 2)}x | ${ratios.getP50LargeVsSmall.perRound.map((v) => `${fmt(v, 2)}x`).join(', ')} | ≤ 1.5x | ${getRatio <= 1.5 ? 'yes' : 'no'} |`,
  );
  if (ratios.depositMemoryStoreVsFloor) {
    const r = ratios.depositMemoryStoreVsFloor;
    lines.push(`| deposit (memory store) req/s ÷ floor req/s | ${fmt(r.value * 100, 1)}% | ${r.perRound.map((v) => `${fmt(v * 100, 1)}%`).join(', ')} | (diagnostic) | |`);
  }
  if (ratios.depositSyncNormalVsFloor) {
    const r = ratios.depositSyncNormalVsFloor;
    lines.push(`| deposit (synchronous=NORMAL) req/s ÷ floor req/s | ${fmt(r.value * 100, 1)}% | ${r.perRound.map((v) => `${fmt(v * 100, 1)}%`).join(', ')} | (diagnostic) | |`);
  }
  if (ratios.depositBaselineVsFloor) {
    const r = ratios.depositBaselineVsFloor;
    lines.push(`| deposit (baseline build) req/s ÷ floor req/s | ${fmt(r.value * 100, 1)}% | ${r.perRound.map((v) => `${fmt(v * 100, 1)}%`).join(', ')} | (comparison) | |`);
    const gain = ratios.depositVsBaseline;
    lines.push(`| deposit req/s ÷ baseline build's | ${fmt(gain.value * 100, 1)}% | ${gain.perRound.map((v) => `${fmt(v * 100, 1)}%`).join(', ')} | (comparison) | |`);
  }
  if (ratios.depositPostgresVsSqlite) {
    const r = ratios.depositPostgresVsSqlite;
    lines.push(`| deposit PostgreSQL (one instance) ÷ embedded SQLite | ${fmt(r.value * 100, 1)}% | ${r.perRound.map((v) => `${fmt(v * 100, 1)}%`).join(', ')} | ≥ 50% | ${r.met ? 'yes' : 'no'} |`);
    const two = ratios.depositPostgresTwoVsOne;
    lines.push(`| deposit PostgreSQL two instances ÷ one instance | ${fmt(two.value * 100, 1)}% | ${two.perRound.map((v) => `${fmt(v * 100, 1)}%`).join(', ')} | (reported) | |`);
  }
  if (ratios.getLimitedP50LargeVsSmall) {
    const r = ratios.getLimitedP50LargeVsSmall;
    lines.push(`| GET ?limit=${config.getLimit} p50 large ÷ small | ${fmt(r.value, 2)}x | ${r.perRound.map((v) => `${fmt(v, 2)}x`).join(', ')} | (diagnostic) | |`);
  }
  const table = lines.join('\n');
  process.stdout.write(`\n${table}\n`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, 'latest.json');
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        startedAt: started.toISOString(),
        finishedAt: new Date().toISOString(),
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg() },
        config,
        code,
        labels,
        summary,
        ratios,
        runs,
        markdown: table,
      },
      null,
      2,
    )}\n`,
  );
  log(`results written to ${path.relative(ROOT, file)}`);
}

main().catch(async (error) => {
  process.stderr.write(`[bench] failed: ${error.stack ?? error}\n`);
  await stopAll();
  process.exit(1);
});
