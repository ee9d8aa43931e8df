import request from 'supertest';
import { version } from 'uuid';
import { createTestApp, type TestApp } from './support/create-test-app.js';

/** Event ids are time-ordered (UUIDv7), so the store's unique index on them grows at its end. */
describe('event ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('given commands on two accounts, then every event id is a UUIDv7 and the ids ascend with the log position', async () => {
    for (const accountId of ['acc-id-1', 'acc-id-2']) {
      await request(t.server).post('/commands/open-account').send({ accountId, initialBalance: 10 }).expect(201);
    }
    for (const accountId of ['acc-id-1', 'acc-id-2', 'acc-id-1']) {
      await request(t.server).post('/commands/deposit').send({ accountId, amount: 1 }).expect(200);
    }
    const response = await request(t.server).get('/events/stream').expect(200);
    const ids = (response.body as Array<{ id: string }>).map((event) => event.id);
    expect(ids).toHaveLength(5);
    expect(ids.map((id) => version(id))).toEqual([7, 7, 7, 7, 7]);
    expect([...ids].sort()).toEqual(ids);
  });
});
