import type { StoredEvent } from '../src/eventstore/event-envelope.js';
import { type ChildServer, startChildServer } from './support/child-server.js';
import { depositBurst } from './support/deposit-burst.js';
import { readLog } from './support/event-log.js';
import { DATABASE_URL, describeWithPostgres, dropSchemas, freshSchema } from './support/postgres.js';
import { deduplicated, EventConsumer, freshExchange, RABBITMQ_URL } from './support/rabbitmq.js';
import { waitUntil } from './support/wait-until.js';

await describeWithPostgres('the event relay with two instances on one PostgreSQL', () => {
  const schema = freshSchema();
  let consumer: EventConsumer;
  let servers: ChildServer[] = [];

  beforeAll(async () => {
    const exchange = freshExchange();
    consumer = await EventConsumer.bind(exchange);
    const env = { EVENT_STORE: 'postgres', DATABASE_URL, PG_SCHEMA: schema, LOG_LEVEL: 'warn', RABBITMQ_URL, EVENTS_EXCHANGE: exchange };
    servers = [await startChildServer(env), await startChildServer(env)];
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await consumer.close();
    await dropSchemas([schema]);
  });

  it('one instance relays (the lease), and the consumer gets every event of both in position order', async () => {
    const statuses = await depositBurst(
      servers.map((server) => server.url),
      'pg',
      600,
    );
    expect(statuses.every((status) => status === 200 || status === 201)).toBe(true);
    // PostgreSQL's reads of the log stop before transactions still open anywhere (gap-safe order): a
    // projection commit of the other instance can hold the newest events back for a moment.
    let log: StoredEvent[] = [];
    await waitUntil(async () => (log = await readLog(servers[0].url)).length >= 620, 10_000, 'every event in the log');
    expect(log).toHaveLength(620);
    await consumer.until((received) => new Set(received.map((message) => message.messageId)).size >= log.length);
    const kept = deduplicated(consumer.received);
    expect(kept.map((message) => message.messageId)).toEqual(log.map((event) => event.id));
    expect(kept.map((message) => message.position)).toEqual(log.map((event) => event.position));

    const workers = await Promise.all(
      servers.map(async (server) => {
        const projections = (await (await fetch(`${server.url}/projections`)).json()) as Array<{ name: string; worker: string }>;
        return projections.find((projection) => projection.name === 'EventRelay')?.worker;
      }),
    );
    expect(workers.sort()).toEqual(['active', 'standby']);
  });
});
