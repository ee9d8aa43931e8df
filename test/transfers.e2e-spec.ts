import request from 'supertest';
import type { StoredEvent } from '../src/eventstore/event-envelope.js';
import { createTestApp, type TestApp } from './support/create-test-app.js';
import { waitUntil } from './support/wait-until.js';

describe('transfers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const open = (accountId: string, initialBalance: number) =>
    request(t.server).post('/commands/open-account').send({ accountId, initialBalance }).expect(201);
  const transfer = (body: Record<string, unknown>) => request(t.server).post('/commands/transfer').send(body);
  const balanceOf = async (accountId: string) => (await request(t.server).get(`/queries/account/${accountId}`).expect(200)).body.balance as number;
  const transferOf = async (transferId: string) => (await request(t.server).get(`/queries/transfers/${transferId}`).expect(200)).body;
  /** The transfer once it ended: the process manager finishes it from the log, after the 202. */
  const ended = async (transferId: string) => {
    await waitUntil(async () => (await transferOf(transferId)).status !== 'pending', 5000, `transfer ${transferId} to end`);
    return transferOf(transferId);
  };
  const eventsOf = async (accountId: string) => (await request(t.server).get(`/events/account/${accountId}`).expect(200)).body as StoredEvent[];

  it('moves the money: 202 pending, then completed, with both legs carrying the transfer id', async () => {
    await open('tr-a', 100);
    await open('tr-b', 5);
    const accepted = await transfer({ fromAccountId: 'tr-a', toAccountId: 'tr-b', amount: 30.25 }).expect(202);
    expect(accepted.body).toEqual({ transferId: expect.any(String), status: 'pending' });
    const { transferId } = accepted.body;
    // The withdrawal is made before the answer.
    expect(await balanceOf('tr-a')).toBe(69.75);

    expect(await ended(transferId)).toEqual({ transferId, fromAccountId: 'tr-a', toAccountId: 'tr-b', amount: 30.25, status: 'completed' });
    expect(await balanceOf('tr-b')).toBe(35.25);
    expect((await eventsOf('tr-a')).at(-1)).toMatchObject({ eventType: 'MoneyWithdrawn', data: { amount: 30.25, transferId, toAccountId: 'tr-b' } });
    expect((await eventsOf('tr-b')).at(-1)).toMatchObject({ eventType: 'MoneyDeposited', data: { amount: 30.25, transferId, fromAccountId: 'tr-a' } });
    const account = await request(t.server).get('/queries/account/tr-b').expect(200);
    expect(account.body.transactions.at(-1)).toMatchObject({ type: 'deposit', amount: 30.25, transferId });
    const history = await request(t.server).get('/projections/TransactionHistory?accountId=tr-a').expect(200);
    expect(history.body.data.transactions.at(-1)).toMatchObject({ type: 'withdrawal', amount: 30.25, balanceAfter: 69.75, transferId });
  });

  it.each([
    ['missing', 'ACCOUNT_NOT_FOUND', async () => undefined],
    ['closed', 'ACCOUNT_CLOSED', async () => {
      await open('tr-closed', 0);
      await request(t.server).post('/commands/close-account').send({ accountId: 'tr-closed' }).expect(200);
    }],
  ])('given a %s target, then the source is refunded and the transfer fails with the reason', async (_case, code, arrange) => {
    await arrange();
    const source = `tr-src-${code}`;
    const target = code === 'ACCOUNT_CLOSED' ? 'tr-closed' : 'tr-nobody';
    await open(source, 50);
    const { transferId } = (await transfer({ fromAccountId: source, toAccountId: target, amount: 20 }).expect(202)).body;
    const failed = await ended(transferId);
    expect(failed).toMatchObject({ transferId, status: 'failed', reason: expect.stringMatching(new RegExp(`^${code}: `)) });
    expect(await balanceOf(source)).toBe(50);
    const legs = (await eventsOf(source)).slice(1);
    expect(legs.map((event) => [event.eventType, event.data.amount, event.data.transferId])).toEqual([
      ['MoneyWithdrawn', 20, transferId],
      ['MoneyDeposited', 20, transferId],
    ]);
    expect(legs[1].data.reason).toBe(failed.reason);
    if (code === 'ACCOUNT_CLOSED') expect(await request(t.server).get('/queries/account/tr-closed').expect(200)).toMatchObject({ body: { balance: 0, version: 2 } });
  });

  it('refuses at once, appending nothing: insufficient funds 422, missing source 404, closed source 409, same account 422', async () => {
    await open('tr-poor', 10);
    await open('tr-rich', 10);
    await open('tr-gone', 0);
    await request(t.server).post('/commands/close-account').send({ accountId: 'tr-gone' }).expect(200);
    const head = await t.store.headPosition();
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ fromAccountId: 'tr-poor', toAccountId: 'tr-rich', amount: 10.01 }, 422, 'INSUFFICIENT_FUNDS'],
      [{ fromAccountId: 'tr-none', toAccountId: 'tr-rich', amount: 1 }, 404, 'ACCOUNT_NOT_FOUND'],
      [{ fromAccountId: 'tr-gone', toAccountId: 'tr-rich', amount: 1 }, 409, 'ACCOUNT_CLOSED'],
      [{ fromAccountId: 'tr-poor', toAccountId: 'tr-poor', amount: 1 }, 422, 'SAME_ACCOUNT'],
      [{ fromAccountId: 'tr-poor', amount: 1 }, 400, 'VALIDATION_FAILED'],
      [{ fromAccountId: 'tr-poor', toAccountId: 'tr-rich', amount: '1' }, 400, 'VALIDATION_FAILED'],
      [{ fromAccountId: 'tr-poor', toAccountId: 'tr-rich', amount: 0.001 }, 400, 'VALIDATION_FAILED'],
      [{ fromAccountId: 'tr-poor', toAccountId: 'tr-rich', amount: 1, transferId: 'bad id' }, 400, 'VALIDATION_FAILED'],
      [{ fromAccountId: 'tr-poor', toAccountId: 'tr-rich', amount: 1, memo: 'x' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const response = await transfer(body);
      expect([response.status, response.body.code]).toEqual([status, code]);
    }
    expect(await t.store.headPosition()).toBe(head);
  });

  it('answers a repeated transferId with the same transfer, moving the money once; another amount under it is 409', async () => {
    await open('tr-rep-a', 100);
    await open('tr-rep-b', 0);
    const body = { fromAccountId: 'tr-rep-a', toAccountId: 'tr-rep-b', amount: 10, transferId: 'rent-2026-01' };
    const responses = await Promise.all(Array.from({ length: 5 }, () => transfer(body)));
    expect(responses.map((response) => [response.status, response.body.transferId])).toEqual(Array(5).fill([202, 'rent-2026-01']));
    await ended('rent-2026-01');
    expect((await transfer(body).expect(202)).body).toEqual({ transferId: 'rent-2026-01', status: 'completed' });
    const reused = await transfer({ ...body, amount: 11 }).expect(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await balanceOf('tr-rep-a')).toBe(90);
    expect(await balanceOf('tr-rep-b')).toBe(10);
  });

  it('honours Idempotency-Key: concurrent repeats get one transfer and the first response', async () => {
    await open('tr-key-a', 100);
    await open('tr-key-b', 0);
    const body = { fromAccountId: 'tr-key-a', toAccountId: 'tr-key-b', amount: 7 };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => request(t.server).post('/commands/transfer').set('Idempotency-Key', 'tr-key-1').send(body)),
    );
    expect(new Set(responses.map((response) => `${response.status} ${JSON.stringify(response.body)}`)).size).toBe(1);
    expect(responses[0].status).toBe(202);
    await ended(responses[0].body.transferId);
    const replay = await request(t.server).post('/commands/transfer').set('Idempotency-Key', 'tr-key-1').send(body).expect(202);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(responses[0].body);
    expect(await balanceOf('tr-key-a')).toBe(93);
    expect(await balanceOf('tr-key-b')).toBe(7);
  });

  it('given 20 concurrent transfers of 10 from a balance of 100, then 10 are accepted, 10 refused, and no money is made or lost', async () => {
    await open('tr-many-a', 100);
    await open('tr-many-b', 0);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => transfer({ fromAccountId: 'tr-many-a', toAccountId: 'tr-many-b', amount: 10 })),
    );
    const accepted = responses.filter((response) => response.status === 202);
    expect(accepted).toHaveLength(10);
    expect(responses.filter((response) => response.status === 422 && response.body.code === 'INSUFFICIENT_FUNDS')).toHaveLength(10);
    for (const response of accepted) expect((await ended(response.body.transferId)).status).toBe('completed');
    expect(await balanceOf('tr-many-a')).toBe(0);
    expect(await balanceOf('tr-many-b')).toBe(100);
  });

  it('answers 404 TRANSFER_NOT_FOUND for an unknown transfer and 400 for a bad id', async () => {
    expect((await request(t.server).get('/queries/transfers/no-such-transfer').expect(404)).body.code).toBe('TRANSFER_NOT_FOUND');
    expect((await request(t.server).get('/queries/transfers/bad%20id').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await request(t.server).get('/queries/transfers/x?y=1').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });
});
