import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { StoredEvent } from '../src/eventstore/event-envelope.js';
import { EVENTS_OPTIONS } from '../src/events/events.options.js';
import { createTestApp, type TestApp } from './support/create-test-app.js';

/** A Server-Sent Events client: its messages and comments as they arrive, and a way to await them. */
class EventStreamClient {
  readonly messages: Array<{ id: string; event: StoredEvent }> = [];
  readonly comments: string[] = [];
  status = 0;
  contentType = '';
  ended = false;
  private buffer = '';
  private waiters: Array<() => void> = [];
  private request?: http.ClientRequest;

  async open(url: string, headers: Record<string, string> = {}): Promise<void> {
    this.request = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } });
    const [response] = (await once(this.request, 'response')) as [http.IncomingMessage];
    this.status = response.statusCode ?? 0;
    this.contentType = String(response.headers['content-type']);
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.receive(chunk));
    response.on('end', () => {
      this.ended = true;
      this.notify();
    });
    response.on('error', () => undefined);
  }

  /** Resolves once `condition` holds, re-checked on every chunk that arrives (no polling). */
  until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.messages.map((m) => m.id))}`)), timeoutMs);
      const check = () => {
        if (!condition()) return this.waiters.push(check);
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(check);
    });
  }

  close(): void {
    this.request?.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    for (let end = this.buffer.indexOf('\n\n'); end !== -1; end = this.buffer.indexOf('\n\n')) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      if (block.startsWith(':')) {
        this.comments.push(block.slice(1).trim());
        continue;
      }
      const fields = Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
      this.messages.push({ id: fields.id, event: JSON.parse(fields.data) as StoredEvent });
    }
    this.notify();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}

describe('GET /events/stream as Server-Sent Events', () => {
  let t: TestApp;
  let base: string;
  const clients: EventStreamClient[] = [];

  beforeAll(async () => {
    t = await createTestApp({}, (builder) => builder.overrideProvider(EVENTS_OPTIONS).useValue({ importEnabled: false, sseHeartbeatMs: 100 }));
    await new Promise<void>((resolve) => t.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`;
    await request(t.server).post('/commands/open-account').send({ accountId: 'sse-1', initialBalance: 10 }).expect(201);
    await request(t.server).post('/commands/deposit').send({ accountId: 'sse-1', amount: 5 }).expect(200);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(() => t.close());

  const connect = async (path: string, headers: Record<string, string> = {}) => {
    const client = new EventStreamClient();
    clients.push(client);
    await client.open(`${base}${path}`, headers);
    return client;
  };

  it('sends the stored events, then each new one as it commits, with id = position', async () => {
    const client = await connect('/events/stream?after=0');
    expect([client.status, client.contentType]).toEqual([200, 'text/event-stream; charset=utf-8']);
    await client.until(() => client.messages.length === 2, 'the two stored events');
    const deposit = await request(t.server).post('/commands/deposit').send({ accountId: 'sse-1', amount: 1 }).expect(200);
    await client.until(() => client.messages.length === 3, 'the live event');
    expect(client.messages.map((message) => message.id)).toEqual(['1', '2', String(deposit.body.position)]);
    expect(client.messages[2].event).toMatchObject({ id: deposit.body.eventId, position: deposit.body.position, eventType: 'MoneyDeposited', data: { amount: 1 } });
    const stored = await request(t.server).get('/events/stream').expect(200);
    expect(client.messages.map((message) => message.event)).toEqual(stored.body);
  });

  it('resumes after Last-Event-ID, and filters by eventType, live events included', async () => {
    const head = await t.store.headPosition();
    const resumed = await connect('/events/stream?after=0', { 'Last-Event-ID': String(head - 1) });
    const withdrawals = await connect('/events/stream?eventType=MoneyWithdrawn');
    await resumed.until(() => resumed.messages.length === 1, 'the event after Last-Event-ID');
    expect(resumed.messages[0].id).toBe(String(head));
    await request(t.server).post('/commands/deposit').send({ accountId: 'sse-1', amount: 2 }).expect(200);
    const withdrawal = await request(t.server).post('/commands/withdraw').send({ accountId: 'sse-1', amount: 3 }).expect(200);
    await withdrawals.until(() => withdrawals.messages.length === 1, 'the withdrawal');
    await resumed.until(() => resumed.messages.length === 3, 'both live events');
    expect(withdrawals.messages.map((message) => [message.id, message.event.eventType])).toEqual([[String(withdrawal.body.position), 'MoneyWithdrawn']]);
  });

  it('sends a heartbeat comment while nothing happens', async () => {
    const client = await connect(`/events/stream?after=${await t.store.headPosition()}`);
    await client.until(() => client.comments.includes('heartbeat'), 'a heartbeat');
    expect(client.messages).toEqual([]);
  });

  it('refuses a malformed Last-Event-ID with 400 JSON, and answers JSON without Accept: text/event-stream', async () => {
    const client = await connect('/events/stream', { 'Last-Event-ID': 'abc' });
    expect([client.status, client.contentType]).toEqual([400, 'application/json; charset=utf-8']);
    const json = await request(t.server).get('/events/stream?limit=1').expect(200);
    expect(json.body).toHaveLength(1);
  });
});

describe('Server-Sent Events streams and shutdown', () => {
  it('ends open streams when the service shuts down, so the shutdown does not wait for them', async () => {
    const t = await createTestApp({ shutdownTimeoutMs: 60_000 });
    await new Promise<void>((resolve) => t.server.listen(0, '127.0.0.1', resolve));
    const client = new EventStreamClient();
    await client.open(`http://127.0.0.1:${(t.server.address() as AddressInfo).port}/events/stream`);
    expect(client.status).toBe(200);
    await t.close();
    await client.until(() => client.ended, 'the stream to end');
    expect(client.ended).toBe(true);
  });
});
