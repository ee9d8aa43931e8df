import request from 'supertest';
import { createTestApp, type TestApp } from './support/create-test-app.js';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('opens an account', async () => {
    const response = await request(t.server).post('/commands/open-account').send({ accountId: 'a1', initialBalance: 5 });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ accountId: 'a1', version: 1, balance: 5 });
  });
});
