import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '../src/eventstore/event-envelope.js';
import { type ChildServer, postJson, startChildServer } from './support/child-server.js';
import { readLog } from './support/event-log.js';
import { deduplicated, describeWithRabbitMq, EventConsumer, freshExchange, RABBITMQ_URL } from './support/rabbitmq.js';
import { BURST_ACCOUNTS as ACCOUNTS, depositBurst as burst } from './support/deposit-burst.js';
import { pool } from './support/request-pool.js';
import { TcpFaultProxy } from './support/tcp-fault-proxy.js';
import { waitUntil } from './support/wait-until.js';

const positionsOf = (events: ReadonlyArray<{ position: number }>) => events.map((event) => event.position);

async function relayStatus(url: string): Promise<{ status: string; lastError?: string; lastProcessedVersion: number }> {
  const statuses = (await (await fetch(`${url}/projections`)).json()) as Array<{ name: string; status: string; lastError?: string; lastProcessedVersion: number }>;
  return statuses.find((status) => status.name === 'EventRelay')!;
}

await describeWithRabbitMq('the event relay to RabbitMQ', () => {
  let folder: string;
  let consumer: EventConsumer;
  let server: ChildServer | undefined;
  let exchange: string;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'relay-'));
    exchange = freshExchange();
    consumer = await EventConsumer.bind(exchange);
  });

  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await consumer.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) => ({
    SQLITE_PATH: join(folder, 'events.sqlite'),
    LOG_LEVEL: 'warn',
    RABBITMQ_URL,
    EVENTS_EXCHANGE: exchange,
    ...extra,
  });

  it('publishes every event of a burst of 2,000 commands in position order, none missing, as the events API shows it', async () => {
    server = await startChildServer(env());
    const statuses = await burst(server.url, 'burst', 2000 - ACCOUNTS);
    expect(statuses.every((status) => status === 200 || status === 201)).toBe(true);
    const log = await readLog(server.url);
    expect(log).toHaveLength(2000);
    await consumer.until((received) => received.length >= log.length);

    expect(positionsOf(consumer.received)).toEqual(positionsOf(log));
    expect(consumer.received.map((message) => message.messageId)).toEqual(log.map((event) => event.id));
    expect(consumer.received.map((message) => message.body)).toEqual(log);
    expect(new Set(consumer.received.map((message) => message.routingKey))).toEqual(new Set(['BankAccount.AccountOpened', 'BankAccount.MoneyDeposited']));
    expect(consumer.received.every((message) => message.persistent)).toBe(true);

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^bank_relay_published_total 2000$/m);
    expect(metrics).toMatch(/^bank_relay_lag_events 0$/m);
  });

  it('after a SIGKILL mid-burst and a restart, delivers every event at least once; deduplicated by messageId, exactly the log', async () => {
    server = await startChildServer(env());
    let answered = 0;
    const killed = server;
    const running = burst(killed.url, 'kill', 2000 - ACCOUNTS, () => (answered += 1));
    await waitUntil(() => answered >= 600, 60_000, '600 answered deposits');
    await killed.kill();
    await running;

    server = await startChildServer(env());
    const log = await readLog(server.url);
    expect(log.length).toBeGreaterThan(600);
    const ids = new Set(log.map((event) => event.id));
    await consumer.until((received) => new Set(received.map((message) => message.messageId)).size >= ids.size);

    const kept = deduplicated(consumer.received);
    expect(kept.map((message) => message.messageId)).toEqual(log.map((event: StoredEvent) => event.id));
    expect(positionsOf(kept)).toEqual(positionsOf(log));
    expect(consumer.received.every((message) => ids.has(message.messageId))).toBe(true);
  });

  it('while the broker is away: commands succeed, the relay shows faulted (also in /health), and once it is back the consumer gets every event', async () => {
    const broker = new URL(RABBITMQ_URL);
    const proxy = await TcpFaultProxy.start({ host: broker.hostname, port: Number(broker.port || 5672) });
    try {
      server = await startChildServer(env({ RABBITMQ_URL: proxy.url(RABBITMQ_URL) }));
      const before = await burst(server.url, 'before', 200);
      const url = server.url;
      await consumer.until((received) => received.length >= ACCOUNTS + 200);

      proxy.cut();
      const during = await pool(300, 10, async (index) => (await postJson(`${url}/commands/deposit`, { accountId: `before-${index % ACCOUNTS}`, amount: 1 })).status);
      expect([...before, ...during].every((status) => status === 200 || status === 201)).toBe(true);
      await waitUntil(async () => (await relayStatus(url)).status === 'faulted', 30_000, 'the relay to fault');
      expect((await relayStatus(url)).lastError).toMatch(/RabbitMQ/);
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { details: Record<string, unknown> }).details.eventRelay).toMatchObject({ status: 'down', state: 'faulted', lag: expect.any(Number) });

      proxy.heal();
      const log = await readLog(url);
      await consumer.until((received) => new Set(received.map((message) => message.messageId)).size >= log.length);
      expect(deduplicated(consumer.received).map((message) => message.messageId)).toEqual(log.map((event) => event.id));
      await waitUntil(async () => (await relayStatus(url)).status === 'running', 30_000, 'the relay to recover');
    } finally {
      await server?.stop();
      server = undefined;
      await proxy.close();
    }
  });

  it('starts, takes commands and reports the relay faulted when the broker cannot be reached at all', async () => {
    server = await startChildServer(env({ RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:1' }));
    expect((await postJson(`${server.url}/commands/open-account`, { accountId: 'lonely', initialBalance: 5 })).status).toBe(201);
    const url = server.url;
    await waitUntil(async () => (await relayStatus(url)).status === 'faulted', 30_000, 'the relay to fault');
    expect((await relayStatus(url)).lastProcessedVersion).toBe(0);
  });
});
