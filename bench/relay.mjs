// `npm run bench:relay`: the event relay to RabbitMQ (RABBITMQ_URL, default the machine's guest/guest).
//   1. Throughput: RELAY_EVENTS events are written while the relay cannot reach a broker; the service is
//      restarted with the broker, and the relay's catch-up is timed at a consumer (first to last message).
//   2. Lag: deposits at a steady RELAY_RATE per second for RELAY_SECONDS, then at full speed (10
//      connections); a consumer takes, for each message, the time from the event's commit
//      (metadata.timestamp, set just before its append) to its arrival, p50 and p99.
//   3. Deposits/s with the relay on against off, side by side (bench/diag/ab-deposits.mjs, AB_PAIRS pairs).
import autocannon from 'autocannon';
import { connect } from 'amqplib';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const RABBITMQ_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const EVENTS = Number(process.env.RELAY_EVENTS ?? 20_000);
const RATE = Number(process.env.RELAY_RATE ?? 500);
const SECONDS = Number(process.env.RELAY_SECONDS ?? 10);
const MAIN = path.resolve('dist/main.js');
const exchange = `bench.relay.${process.pid}`;
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-relay-'));

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startService(rabbitmqUrl) {
  const port = await freePort();
  const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), SQLITE_PATH: path.join(dir, 'events.sqlite'), RABBITMQ_URL: rabbitmqUrl, EVENTS_EXCHANGE: exchange };
  const child = spawn(process.execPath, [MAIN], { env, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; !(await fetch(`${url}/health`).then((r) => r.ok, () => false)); waited += 50) {
    if (waited > 30_000) throw new Error('the service did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) };
}

async function consumer() {
  const connection = await connect(RABBITMQ_URL);
  const channel = await connection.createChannel();
  await channel.assertExchange(exchange, 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
  await channel.bindQueue(queue, exchange, '#');
  const state = { count: 0, first: 0, last: 0, lags: [], onMessage: () => undefined };
  await channel.consume(
    queue,
    (message) => {
      const now = Date.now();
      const event = JSON.parse(message.content.toString());
      state.count += 1;
      state.first ||= performance.now();
      state.last = performance.now();
      state.lags.push(now - event.metadata.timestamp);
      state.onMessage();
    },
    { noAck: true },
  );
  return { state, close: async () => (await channel.deleteExchange(exchange).catch(() => undefined), await connection.close()) };
}

const until = (state, count) => new Promise((resolve) => {
  const check = () => state.count >= count && resolve();
  state.onMessage = check;
  check();
});

function load(url, options) {
  let account = 0;
  return new Promise((resolve, reject) =>
    autocannon(
      {
        url,
        connections: 10,
        ...options,
        requests: [
          {
            method: 'POST',
            path: '/commands/deposit',
            headers: { 'content-type': 'application/json' },
            setupRequest: (request) => ({ ...request, body: JSON.stringify({ accountId: `acc-${(account++ % 100) + 1}`, amount: 1 }) }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    ),
  );
}

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

const mq = await consumer();
try {
  // 1. Throughput of a catch-up.
  let service = await startService('amqp://guest:guest@127.0.0.1:1');
  for (let index = 1; index <= 100; index++) {
    await fetch(`${service.url}/commands/open-account`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accountId: `acc-${index}` }) });
  }
  await load(service.url, { amount: EVENTS - 100 });
  await service.stop();
  service = await startService(RABBITMQ_URL);
  await until(mq.state, EVENTS);
  const seconds = (mq.state.last - mq.state.first) / 1000;
  console.log(`catch-up: ${mq.state.count} events relayed in ${seconds.toFixed(2)} s: ${Math.round(mq.state.count / seconds)} events/s (first to last message at the consumer)`);

  // 2. Lag from commit to consumer.
  for (const [name, options] of [
    [`${RATE} deposits/s`, { duration: SECONDS, overallRate: RATE }],
    ['full speed (10 connections)', { duration: SECONDS }],
  ]) {
    mq.state.lags = [];
    const before = mq.state.count;
    const result = await load(service.url, options);
    await until(mq.state, before + result.requests.total - result.non2xx);
    const lags = mq.state.lags;
    console.log(`lag at ${name}: ${Math.round(result.requests.average)} deposits/s, ${lags.length} events, p50 ${percentile(lags, 50)} ms, p99 ${percentile(lags, 99)} ms, max ${Math.max(...lags)} ms`);
  }
  await service.stop();
} finally {
  await mq.close();
  rmSync(dir, { recursive: true, force: true });
}

// 3. Deposits/s, relay on (B) against off (A), side by side.
console.log('deposits/s with the relay on (B) against off (A):');
spawnSync(process.execPath, ['bench/diag/ab-deposits.mjs', MAIN, MAIN], {
  stdio: 'inherit',
  env: { ...process.env, AB_PAIRS: process.env.AB_PAIRS ?? '8', AB_ENV_B: JSON.stringify({ RABBITMQ_URL, EVENTS_EXCHANGE: `${exchange}.ab` }) },
});
// The relay declared the side-by-side run's exchange: leave the broker as it was.
const cleanup = await connect(RABBITMQ_URL);
await (await cleanup.createChannel()).deleteExchange(`${exchange}.ab`);
await cleanup.close();
