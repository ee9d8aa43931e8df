import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postJson } from './support/child-server.js';
import { createTestApp, type TestApp } from './support/create-test-app.js';

async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  return t.app.getUrl();
}

describe('Idempotency-Key', () => {
  let folder: string;
  let sqlitePath: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'bank-idem-'));
    sqlitePath = join(folder, 'event-store.sqlite');
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('given the same key sent 10 times at once, then one event and ten identical responses; also after a restart', async () => {
    const t = await createTestApp({ sqlitePath });
    const url = await listen(t);
    await postJson(`${url}/commands/open-account`, { accountId: 'idem-1', initialBalance: 100 });
    const head = await t.store.headPosition();

    const send = (base: string) =>
      postJson(`${base}/commands/deposit`, { accountId: 'idem-1', amount: 25 }, { 'Idempotency-Key': 'dep-0001' });
    const responses = await Promise.all(Array.from({ length: 10 }, () => send(url)));

    expect(await t.store.headPosition()).toBe(head + 1);
    for (const r of responses) {
      expect(r.status).toBe(200);
      expect(r.body).toEqual(responses[0].body);
    }
    expect(responses[0].body).toMatchObject({ accountId: 'idem-1', version: 2, balance: 125, position: head + 1 });
    await t.close();

    const restarted = await createTestApp({ sqlitePath });
    const url2 = await listen(restarted);
    const again = await send(url2);
    expect(again).toEqual(responses[0]);
    expect(await restarted.store.headPosition()).toBe(head + 1);

    const reused = await postJson(`${url2}/commands/deposit`, { accountId: 'idem-1', amount: 26 }, { 'Idempotency-Key': 'dep-0001' });
    expect(reused).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    const otherRoute = await postJson(`${url2}/commands/withdraw`, { accountId: 'idem-1', amount: 25 }, { 'Idempotency-Key': 'dep-0001' });
    expect(otherRoute).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await restarted.store.headPosition()).toBe(head + 1);
    await restarted.close();
  });

  it('given a refused command with a key, when repeated after the cause is gone, then the first refusal is returned', async () => {
    const t = await createTestApp();
    const url = await listen(t);
    await postJson(`${url}/commands/open-account`, { accountId: 'idem-2', initialBalance: 10 });
    const withdraw = () => postJson(`${url}/commands/withdraw`, { accountId: 'idem-2', amount: 20 }, { 'Idempotency-Key': 'wd-1' });
    const first = await withdraw();
    expect(first).toMatchObject({ status: 422, body: { code: 'INSUFFICIENT_FUNDS' } });
    await postJson(`${url}/commands/deposit`, { accountId: 'idem-2', amount: 100 });
    const head = await t.store.headPosition();
    expect(await withdraw()).toEqual(first);
    expect(await t.store.headPosition()).toBe(head);
    await t.close();
  });

  it('treats the same body with keys in another order as the same request', async () => {
    const t = await createTestApp();
    const url = await listen(t);
    const a = await postJson(`${url}/commands/open-account`, { accountId: 'idem-3', initialBalance: 5 }, { 'Idempotency-Key': 'open-3' });
    const b = await postJson(`${url}/commands/open-account`, { initialBalance: 5, accountId: 'idem-3' }, { 'Idempotency-Key': 'open-3' });
    expect(a.status).toBe(201);
    expect(b).toEqual(a);
    await t.close();
  });
});
