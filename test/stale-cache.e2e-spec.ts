import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, type TestApp } from './support/create-test-app.js';

/**
 * Two service instances on one database: each keeps its own cache of account state, so each sees the
 * other's writes only through the store. Decisions must still be made on the store's truth.
 */
describe('two instances on one store', () => {
  let folder: string;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'bank-two-'));
    const sqlitePath = join(folder, 'event-store.sqlite');
    a = await createTestApp({ sqlitePath });
    b = await createTestApp({ sqlitePath });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('given A cached the account and B moved it, when A decides, then A uses the stored state', async () => {
    await request(a.server).post('/commands/open-account').send({ accountId: 'shared-1', initialBalance: 100 }).expect(201);
    await request(a.server).post('/commands/deposit').send({ accountId: 'shared-1', amount: 50 }).expect(200);
    await request(b.server).post('/commands/withdraw').send({ accountId: 'shared-1', amount: 120 }).expect(200);

    // A's cache says 150; the store says 30.
    const refused = await request(a.server).post('/commands/withdraw').send({ accountId: 'shared-1', amount: 40 });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('INSUFFICIENT_FUNDS');

    const ok = await request(a.server).post('/commands/withdraw').send({ accountId: 'shared-1', amount: 30 }).expect(200);
    expect(ok.body).toMatchObject({ version: 4, balance: 0 });

    // B's cache says 30 at version 3; closing must see the zero balance at version 4.
    const closed = await request(b.server).post('/commands/close-account').send({ accountId: 'shared-1' }).expect(200);
    expect(closed.body).toMatchObject({ version: 5, balance: 0 });
    const deposit = await request(a.server).post('/commands/deposit').send({ accountId: 'shared-1', amount: 1 });
    expect(deposit.body.code).toBe('ACCOUNT_CLOSED');
  });

  it('given a stale cache, when a client pins the true expectedVersion, then it is accepted', async () => {
    await request(a.server).post('/commands/open-account').send({ accountId: 'shared-2', initialBalance: 10 }).expect(201);
    await request(a.server).post('/commands/deposit').send({ accountId: 'shared-2', amount: 1 }).expect(200);
    await request(b.server).post('/commands/deposit').send({ accountId: 'shared-2', amount: 1 }).expect(200);
    const pinned = await request(a.server)
      .post('/commands/deposit')
      .send({ accountId: 'shared-2', amount: 1, expectedVersion: 3 })
      .expect(200);
    expect(pinned.body).toMatchObject({ version: 4, balance: 13 });
  });
});
