// Diagnostic, not part of `npm run bench`: where a deposit's CPU time goes, next to the bare-NestJS floor.
// Runs the floor (bench/bare-app) and the built service (dist/main.js, fresh SQLite file, LOG_LEVEL=warn)
// one after the other under the same autocannon load as `npm run bench` (10 connections, deposits over
// 100 accounts), profiles only the measured seconds (bench/diag/cpu-profile-window.mjs), and prints
// CPU microseconds per request by part of the stack. A sample is charged to the projections or to the
// append path when either is anywhere on its stack, otherwise to the nearest frame that names a part.
// Usage: npm run build && node bench/diag/profile-deposits.mjs   (env: BENCH_DURATION=10, BENCH_WARMUP=3,
// BENCH_SERVICE_ENV='{"EVENT_STORE":"memory"}' to profile the service with other settings, and
// BENCH_SERVICE_MAIN=<main.js of another build>, BENCH_PROFILE_KEEP=<folder> to keep floor.cpuprofile and service.cpuprofile for Chrome DevTools)
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { depositLoad } from './deposit-load.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const SERVICE_ENV = JSON.parse(process.env.BENCH_SERVICE_ENV ?? '{}');
const ACCOUNTS = 100;

/** Charged when any frame of the sample's stack matches (first match wins). */
const ON_STACK = [
  ['projections', /projection-worker|shared-event-reader/],
  ['event store: append', /flushAppends|WalSync|wal-sync/],
];
/** Charged to the nearest frame (leaf first) that matches one of these. */
const NEAREST = [
  ['logging', /pino|access-log|logger/i],
  ['validation', /class-validator|class-transformer|validation\.pipe/],
  ['cqrs buses', /@nestjs\/cqrs/],
  ['metrics', /prom-client|\/metrics\//],
  ['accounts (executor, aggregate, repository)', /\/dist\/accounts\//],
  ['event store: other', /\/dist\/eventstore\/|better-sqlite3/],
  ['body parsing', /body-parser|raw-body|body-parsing\.middleware/],
  ['helmet', /helmet/],
  ['request id, shutdown, async hooks', /request-id|graceful-shutdown|correlation-id|async_hooks/],
  ['nest core', /@nestjs\/(core|common)/],
  ['express and router', /node_modules\/(express|router|parseurl|finalhandler|send)\//],
  ['rxjs', /rxjs/],
  ['node http and streams', /node:_http|node:net|node:internal\/streams|node:stream|node:events|writev/],
  ['promise jobs and timers', /runMicrotasks|processTicksAndRejections|node:internal\/process\/task_queues|node:internal\/timers/],
  ['garbage collector', /\(garbage collector\)/],
  ['V8 and native code outside JS', /\(program\)/],
  ['idle', /\(idle\)/],
];

function classify(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const frameName = (node) => `${node.callFrame.functionName} ${node.callFrame.url}`;
  const totals = new Map();
  let total = 0;
  profile.samples.forEach((sample, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    total += micros;
    const stack = [];
    for (let id = sample; id !== undefined; id = parent.get(id)) stack.push(frameName(byId.get(id)));
    let part = ON_STACK.find(([, pattern]) => stack.some((frame) => pattern.test(frame)))?.[0];
    for (const frame of part ? [] : stack) {
      part = NEAREST.find(([, pattern]) => pattern.test(frame))?.[0];
      if (part) break;
    }
    part ??= 'other';
    totals.set(part, (totals.get(part) ?? 0) + micros);
  });
  return { totals, total };
}

async function freePort() {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function profiled(name, script, env, route, prepare) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `profile-${name}-`));
  const file = path.join(dir, 'profile.cpuprofile');
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', path.join(ROOT, 'bench', 'diag', 'cpu-profile-window.mjs'), script], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', SQLITE_PATH: path.join(dir, 'store.sqlite'), ...env, PORT: String(port), BENCH_PROFILE_FILE: file },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const url = `http://127.0.0.1:${port}`;
  const until = async (condition, what) => {
    for (let waited = 0; !(await condition()); waited += 50) {
      if (waited > 30_000) throw new Error(`${name}: no ${what}:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await until(() => fetch(url).then(() => true, () => false), 'answer');
  await prepare(url);
  const deposits = depositLoad({ route, accounts: ACCOUNTS });
  const load = (duration) => deposits(url, duration);
  await load(WARMUP);
  child.send('start');
  await until(() => stderr.includes('[diag] profiling'), 'profiler start');
  const result = await load(DURATION);
  child.send('stop');
  await until(() => stderr.includes('[diag] profile written'), 'profile');
  child.kill('SIGKILL');
  if (result.non2xx > 0) throw new Error(`${name}: ${result.non2xx} non-2xx responses`);
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  if (process.env.BENCH_PROFILE_KEEP) copyFileSync(file, path.join(process.env.BENCH_PROFILE_KEEP, `${name}.cpuprofile`));
  rmSync(dir, { recursive: true, force: true });
  return { name, requests: result.requests.total, rate: result.requests.average, ...classify(profile) };
}

const floor = await profiled('floor', path.join(ROOT, 'bench', 'bare-app', 'main.mjs'), {}, '/bare/deposit', async () => undefined);
const service = await profiled('service', path.resolve(process.env.BENCH_SERVICE_MAIN ?? path.join(ROOT, 'dist', 'main.js')), SERVICE_ENV, '/commands/deposit', async (url) => {
  for (let index = 1; index <= ACCOUNTS; index++) {
    const response = await fetch(`${url}/commands/open-account`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: `acc-${index}` }),
    });
    if (response.status !== 201) throw new Error(`open-account -> ${response.status}`);
  }
});

const parts = [...new Set([...service.totals.keys(), ...floor.totals.keys()])].sort(
  (a, b) => (service.totals.get(b) ?? 0) - (service.totals.get(a) ?? 0),
);
const perRequest = (run, part) => (run.totals.get(part) ?? 0) / run.requests;
console.log(`Floor ${Math.round(floor.rate)} req/s, service ${Math.round(service.rate)} req/s (${((100 * service.rate) / floor.rate).toFixed(1)}%), ${DURATION} s each, profiled`);
console.log(`Service settings: ${JSON.stringify(SERVICE_ENV)}\n`);
console.log('| Part of the stack | floor µs/request | service µs/request |');
console.log('|---|---:|---:|');
for (const part of parts) console.log(`| ${part} | ${perRequest(floor, part).toFixed(0)} | ${perRequest(service, part).toFixed(0)} |`);
console.log(`| **total (wall time per request)** | ${(floor.total / floor.requests).toFixed(0)} | ${(service.total / service.requests).toFixed(0)} |`);
