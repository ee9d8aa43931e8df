import { jest } from '@jest/globals';
import request from 'supertest';
import { EventStoreUnavailableError } from '../../src/eventstore/event-store.errors.js';
import { createTestApp, type TestApp } from '../support/create-test-app.js';

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
