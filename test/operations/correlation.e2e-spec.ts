import request from 'supertest';
import { createTestApp, type TestApp } from '../support/create-test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface StoredEventJson {
  eventType: string;
  metadata: { correlationId?: string; causationId?: string };
}

describe('request ids and correlation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const eventsOf = async (accountId: string) =>
    (await request(t.server).get(`/events/account/${accountId}`).expect(200)).body as StoredEventJson[];

  it('given X-Correlation-Id: abc, then the events carry correlationId abc and the response echoes it', async () => {
    const response = await request(t.server)
      .post('/commands/open-account')
      .set('X-Correlation-Id', 'abc')
      .send({ accountId: 'acc-corr', initialBalance: 10 });
    expect(response.status).toBe(201);
    expect(response.headers['x-request-id']).toBe('abc');
    const [event] = await eventsOf('acc-corr');
    expect(event.metadata.correlationId).toBe('abc');
    expect(event.metadata.causationId).toMatch(UUID);
  });

  it('given X-Request-Id, then it is kept the same way', async () => {
    const response = await request(t.server)
      .post('/commands/deposit')
      .set('X-Request-Id', 'req-42')
      .send({ accountId: 'acc-corr', amount: 1 });
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('req-42');
    expect((await eventsOf('acc-corr'))[1].metadata.correlationId).toBe('req-42');
  });

  it('given no id, then a generated one is answered and stored, new for each request', async () => {
    const first = await request(t.server).post('/commands/deposit').send({ accountId: 'acc-corr', amount: 1 });
    const second = await request(t.server).post('/commands/deposit').send({ accountId: 'acc-corr', amount: 1 });
    expect(first.headers['x-request-id']).toMatch(UUID);
    expect(second.headers['x-request-id']).toMatch(UUID);
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
    const events = await eventsOf('acc-corr');
    expect(events.slice(2).map((event) => event.metadata.correlationId)).toEqual([first.headers['x-request-id'], second.headers['x-request-id']]);
  });

  it('given an unusable id (too long), then a generated one instead', async () => {
    const response = await request(t.server).get('/stats').set('X-Request-Id', 'x'.repeat(129));
    expect(response.headers['x-request-id']).toMatch(UUID);
  });

  it('answers the request id on errors and refusals too', async () => {
    const missing = await request(t.server).get('/queries/account/nobody').set('X-Request-Id', 'req-404');
    expect(missing.status).toBe(404);
    expect(missing.headers['x-request-id']).toBe('req-404');
    const malformed = await request(t.server)
      .post('/commands/deposit')
      .set('Content-Type', 'application/json')
      .set('X-Request-Id', 'req-400')
      .send('{"accountId":');
    expect(malformed.status).toBe(400);
    expect(malformed.headers['x-request-id']).toBe('req-400');
  });
});
