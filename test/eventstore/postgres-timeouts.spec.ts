import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { type Server, type Socket, createServer } from 'node:net';
import { PostgresEventStore } from '../../src/eventstore/adapters/postgres/postgres-event-store.js';
import type { NewEvent } from '../../src/eventstore/event-envelope.js';
import { EventStoreUnavailableError } from '../../src/eventstore/event-store.errors.js';
import { DATABASE_URL, describeWithPostgres, dropSchemas, freshSchema } from '../support/postgres.js';
import { TcpFaultProxy } from '../support/tcp-fault-proxy.js';
import { waitUntil } from '../support/wait-until.js';

const deposit = (): NewEvent => ({ id: randomUUID(), eventType: 'MoneyDeposited', data: { amount: 1 }, schemaVersion: 1, timestamp: 1 });
const database = new URL(DATABASE_URL);
const target = { host: database.hostname, port: Number(database.port || 5432) };

/**
 * Short timeouts, so an unanswered call fails within about two seconds; without them it would hang
 * until the test's own timeout fails it.
 */
const TIMEOUTS = { connectionTimeoutMillis: 500, statementTimeoutMillis: 1000, listenerHeartbeatMillis: 200 };

/** The rejection of `call` (an Error saying so when it resolves instead). */
async function failure(call: () => Promise<unknown>): Promise<{ error: unknown }> {
  const error = await call().then(
    () => new Error('resolved'),
    (rejection: unknown) => rejection,
  );
  return { error };
}

/** A store whose server stops answering gives up with EventStoreUnavailableError instead of hanging. */
await describeWithPostgres('PostgreSQL store timeouts', () => {
  const schemas: string[] = [];
  afterAll(() => dropSchemas(schemas));

  describe('given a server that accepts connections and never answers', () => {
    let silent: Server;
    const sockets = new Set<Socket>();
    beforeAll(async () => {
      silent = createServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => undefined);
      });
      silent.listen(0, '127.0.0.1');
      await once(silent, 'listening');
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      silent.close();
      await once(silent, 'close');
    });

    it('when a store connects, then it fails with EventStoreUnavailableError within the connection timeout', async () => {
      const address = silent.address();
      if (address === null || typeof address === 'string') throw new Error('no port');
      const url = new URL(DATABASE_URL);
      url.hostname = '127.0.0.1';
      url.port = String(address.port);

      const { error } = await failure(() => PostgresEventStore.connect({ connectionString: url.toString(), schema: freshSchema(), ...TIMEOUTS }));

      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect(sockets.size).toBeGreaterThan(0);
    }, 15_000);
  });

  describe('given a connected store whose network partitions', () => {
    let proxy: TcpFaultProxy;
    let store: PostgresEventStore;
    let direct: PostgresEventStore;
    const schema = freshSchema();
    schemas.push(schema);

    beforeEach(async () => {
      proxy = await TcpFaultProxy.start(target);
      store = await PostgresEventStore.connect({ connectionString: proxy.url(DATABASE_URL), schema, poolSize: 1, ...TIMEOUTS });
      direct = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, poolSize: 1 });
    });
    afterEach(async () => {
      await store.close();
      await direct.close();
      await proxy.close();
    });

    it('when it appends and reads, then each call fails with EventStoreUnavailableError in time, and it works again once healed', async () => {
      const stream = `partitioned-${randomUUID()}`;
      await store.append({ streamId: stream, streamType: 'BankAccount', expectedVersion: 0, events: [deposit()] });

      proxy.partition();
      const append = await failure(() => store.append({ streamId: stream, streamType: 'BankAccount', expectedVersion: 1, events: [deposit()] }));
      const read = await failure(() => store.readAll({ after: 0, limit: 100 }));
      const info = await failure(() => store.streamInfo(stream));

      for (const call of [append, read, info]) {
        expect(call.error).toBeInstanceOf(EventStoreUnavailableError);
      }

      proxy.heal();
      const after = await store.append({ streamId: stream, streamType: 'BankAccount', expectedVersion: 1, events: [deposit()] });
      expect(after.version).toBe(2);
      expect((await store.readStream(stream)).map((event) => event.metadata.version)).toEqual([1, 2]);
    }, 20_000);

    it('when an idempotent append is cut off in its transaction, then it fails in time and its connection is not reused once healed', async () => {
      const stream = `cut-${randomUUID()}`;
      await store.append({ streamId: stream, streamType: 'BankAccount', expectedVersion: 0, events: [deposit()] });

      proxy.partition();
      const cut = await failure(() =>
        store.append({
          streamId: stream,
          streamType: 'BankAccount',
          expectedVersion: 1,
          events: [deposit()],
          idempotency: { key: randomUUID(), fingerprint: 'f', statusCode: 200, body: () => ({}), createdAt: 1 },
        }),
      );
      expect(cut.error).toBeInstanceOf(EventStoreUnavailableError);

      proxy.heal();
      expect((await store.append({ streamId: stream, streamType: 'BankAccount', expectedVersion: 1, events: [deposit()] })).version).toBe(2);
    }, 20_000);

    it('when it heals, then the notification listener reconnects and hears other instances again', async () => {
      const heard: number[] = [];
      store.onAppended((position) => heard.push(position));

      proxy.partition();
      proxy.heal();

      // only a new connection hears anything now: append until one announcement comes through it
      let last = 0;
      await waitUntil(
        async () => {
          last = (await direct.append({ streamId: `other-${randomUUID()}`, streamType: 'BankAccount', expectedVersion: 0, events: [deposit()] })).position;
          return heard.length > 0;
        },
        10_000,
        'the listener to hear an append after the partition',
      );
      expect(heard[heard.length - 1]).toBeLessThanOrEqual(last);
    }, 20_000);
  });
});
