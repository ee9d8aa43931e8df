import { jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SqliteEventStore } from '../../src/eventstore/adapters/sqlite/sqlite-event-store.js';
import { EventStoreUnavailableError } from '../../src/eventstore/event-store.errors.js';
import { EVENT_STORE } from '../../src/eventstore/event-store.port.js';
import { createTestApp, type TestApp } from '../support/create-test-app.js';
import { waitUntil } from '../support/wait-until.js';

describe('GET /health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ apiToken: 'api-token-for-tests-0123456789' });
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('given the store answers, then 200 with its state, without a token', async () => {
    await request(t.server)
      .post('/commands/open-account')
      .set('Authorization', 'Bearer api-token-for-tests-0123456789')
      .send({ accountId: 'acc-health', initialBalance: 1 })
      .expect(201);
    const response = await request(t.server).get('/health');
    expect(response.status).toBe(200);
    const store = { status: 'up', driver: 'sqlite', headPosition: 1 };
    expect(response.body).toStrictEqual({ status: 'ok', info: { store }, error: {}, details: { store } });
  });

  it('given the store does not answer, then 503 STORE_UNAVAILABLE in the API error shape, without internals', async () => {
    jest.spyOn(t.store, 'ping').mockRejectedValue(new EventStoreUnavailableError('connect ECONNREFUSED 10.0.0.1:5432'));
    const response = await request(t.server).get('/health');
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toStrictEqual({
      statusCode: 503,
      code: 'STORE_UNAVAILABLE',
      message: 'Health check failed: store is down',
      error: 'Service Unavailable',
      checks: { store: { status: 'down', driver: 'sqlite', message: 'The event store does not answer' } },
    });
    expect(response.text).not.toContain('ECONNREFUSED');
  });

  it('given the store was closed, then 503', async () => {
    const closed = await createTestApp();
    try {
      await closed.store.close();
      const response = await request(closed.server).get('/health');
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ code: 'STORE_UNAVAILABLE', checks: { store: { status: 'down' } } });
    } finally {
      jest.spyOn(closed.store, 'close').mockResolvedValue();
      await closed.close();
    }
  });

  it('given the store answers again, then 200 again', async () => {
    expect((await request(t.server).get('/health')).status).toBe(200);
  });
});

describe('a disk that stops answering', () => {
  let t: TestApp;
  let folder: string;
  /** While set, WAL flushes do not end until released. */
  let held: Array<() => void> | null = null;
  const flushWal = () => () => (held ? new Promise<void>((resolve) => held!.push(resolve)) : Promise.resolve());

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'bank-disk-timeout-'));
    t = await createTestApp({}, (builder) =>
      builder.overrideProvider(EVENT_STORE).useFactory({
        factory: () => new SqliteEventStore({ path: join(folder, 'event-store.sqlite'), flushWal, diskTimeoutMs: 100 }),
      }),
    );
  });
  afterAll(async () => {
    for (const release of held ?? []) release();
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const health = async () => (await request(t.server).get('/health')).status;

  it('given a flush that does not end, then a deposit gets 503 and /health 503 until the disk answers again', async () => {
    await request(t.server).post('/commands/open-account').send({ accountId: 'acc-disk', initialBalance: 10 }).expect(201);
    held = [];
    const refused = await request(t.server).post('/commands/deposit').send({ accountId: 'acc-disk', amount: 5 });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ statusCode: 503, code: 'STORE_UNAVAILABLE' });
    await waitUntil(async () => (await health()) === 503, 5000, '/health to report the store down');
    const atOnce = await request(t.server).post('/commands/deposit').send({ accountId: 'acc-disk', amount: 1 });
    expect(atOnce.body).toMatchObject({ code: 'STORE_UNAVAILABLE' });

    const release = held;
    held = null;
    for (const end of release) end();
    await waitUntil(async () => (await health()) === 200, 5000, '/health to report the store up');
    await request(t.server).post('/commands/deposit').send({ accountId: 'acc-disk', amount: 2 }).expect(200);
    // The refused deposit had committed before its flush stalled: stored, though never acknowledged
    // (its outcome was unknown to the client). The one refused at once stored nothing.
    const account = await request(t.server).get('/queries/account/acc-disk').expect(200);
    expect(account.body).toMatchObject({ balance: 17, version: 3 });
  });
});
