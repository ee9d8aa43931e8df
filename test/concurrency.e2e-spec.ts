import { postJson } from './support/child-server.js';
import { createTestApp, type TestApp } from './support/create-test-app.js';

/** Real concurrent HTTP requests against one listening app. */
describe('concurrent commands on one account', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    url = await t.app.getUrl();
  });
  afterAll(() => t.close());

  it('given a balance of 500, when 100 withdrawals of 10 arrive at once, then exactly 50 succeed', async () => {
    await postJson(`${url}/commands/open-account`, { accountId: 'race-1', initialBalance: 500 });
    const headBefore = await t.store.headPosition();

    const responses = await Promise.all(
      Array.from({ length: 100 }, () => postJson(`${url}/commands/withdraw`, { accountId: 'race-1', amount: 10 })),
    );

    const succeeded = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status !== 200);
    expect(succeeded).toHaveLength(50);
    expect(refused).toHaveLength(50);
    for (const r of refused) expect(r).toMatchObject({ status: 422, body: { code: 'INSUFFICIENT_FUNDS' } });
    expect(new Set(succeeded.map((r) => r.body.version)).size).toBe(50);
    expect(await t.store.headPosition()).toBe(headBefore + 50);
    const account = (await (await fetch(`${url}/queries/account/race-1?limit=0`)).json()) as Record<string, unknown>;
    expect(account).toMatchObject({ balance: 0, version: 51, transactionCount: 50 });
  });

  it('given concurrent deposits without expectedVersion, then none is lost and no client sees a conflict', async () => {
    await postJson(`${url}/commands/open-account`, { accountId: 'race-2' });
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => postJson(`${url}/commands/deposit`, { accountId: 'race-2', amount: i + 0.01 })),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const expectedCents = Array.from({ length: 60 }, (_, i) => i * 100 + 1).reduce((a, b) => a + b, 0);
    const account = (await (await fetch(`${url}/queries/account/race-2?limit=0`)).json()) as Record<string, unknown>;
    expect(account).toMatchObject({ balance: expectedCents / 100, version: 61 });
  });

  it('given concurrent commands all pinned to the same expectedVersion, then one wins and the rest get VERSION_CONFLICT', async () => {
    await postJson(`${url}/commands/open-account`, { accountId: 'race-3', initialBalance: 100 });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => postJson(`${url}/commands/deposit`, { accountId: 'race-3', amount: 1, expectedVersion: 1 })),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    const conflicts = responses.filter((r) => r.status === 409);
    expect(conflicts).toHaveLength(19);
    for (const r of conflicts) expect(r.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
  });

  it('given the same account opened 10 times at once, then one 201 and nine ACCOUNT_ALREADY_EXISTS', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => postJson(`${url}/commands/open-account`, { accountId: 'race-4', initialBalance: 1 })),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409 && r.body.code === 'ACCOUNT_ALREADY_EXISTS')).toHaveLength(9);
  });
});
