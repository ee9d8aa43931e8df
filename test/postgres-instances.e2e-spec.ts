import { type ChildServer, postJson, startChildServer } from './support/child-server.js';
import { DATABASE_URL, describeWithPostgres, dropSchemas, freshSchema } from './support/postgres.js';
import { waitUntil } from './support/wait-until.js';

interface StreamEvent {
  id: string;
  position: number;
  aggregateId: string;
  eventType: string;
  data: { amount?: number; initialBalance?: number };
}

const getJson = async <T>(url: string): Promise<T> => {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

async function wholeLog(url: string): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for (let after = 0; ; ) {
    const page = await getJson<StreamEvent[]>(`${url}/events/stream?after=${after}&limit=10000`);
    if (page.length === 0) return events;
    events.push(...page);
    after = page[page.length - 1].position;
  }
}

const cents = (value: number | undefined) => Math.round((value ?? 0) * 100);

/** The balances and totals a fold of the log gives, in cents. */
function fold(events: StreamEvent[]) {
  const balances = new Map<string, number>();
  let deposits = 0;
  let withdrawals = 0;
  let transactions = 0;
  for (const event of events) {
    const id = event.aggregateId;
    if (event.eventType === 'AccountOpened') {
      balances.set(id, cents(event.data.initialBalance));
      deposits += cents(event.data.initialBalance);
    }
    if (event.eventType === 'MoneyDeposited') {
      balances.set(id, (balances.get(id) ?? 0) + cents(event.data.amount));
      deposits += cents(event.data.amount);
      transactions++;
    }
    if (event.eventType === 'MoneyWithdrawn') {
      balances.set(id, (balances.get(id) ?? 0) - cents(event.data.amount));
      withdrawals += cents(event.data.amount);
      transactions++;
    }
  }
  return { balances, deposits, withdrawals, transactions };
}

/** Every read model on `url`, once caught up to the head, agrees with the fold of the log. */
async function expectReadModelsMatchTheLog(url: string): Promise<void> {
  const events = await wholeLog(url);
  const head = events[events.length - 1].position;
  const expected = fold(events);
  const balances = await getJson<{ data: { balances: Record<string, { balance: number }> }; lastProcessedVersion: number }>(
    `${url}/projections/AccountBalances?minPosition=${head}&limit=10000`,
  );
  expect(balances.lastProcessedVersion).toBe(head);
  expect(Object.fromEntries(Object.entries(balances.data.balances).map(([id, row]) => [id, cents(row.balance)]))).toEqual(
    Object.fromEntries(expected.balances),
  );
  const summary = await getJson<{ data: { summary: { deposits: number; withdrawals: number } } }>(
    `${url}/projections/DailySummary?minPosition=${head}`,
  );
  expect(cents(summary.data.summary.deposits)).toBe(expected.deposits);
  expect(cents(summary.data.summary.withdrawals)).toBe(expected.withdrawals);
  const history = await getJson<{ data: { transactions: unknown[] } }>(`${url}/projections/TransactionHistory?minPosition=${head}&limit=1000`);
  expect(history.data.transactions).toHaveLength(Math.min(expected.transactions, 1000));
  const stats = await getJson<{ totalEvents: number; totalAggregates: number; headPosition: number }>(`${url}/stats?minPosition=${head}`);
  expect(stats).toMatchObject({ totalEvents: events.length, totalAggregates: expected.balances.size, headPosition: head });
  const statuses = await getJson<Array<{ lastProcessedVersion: number; eventsProcessed: number }>>(`${url}/projections`);
  for (const status of statuses) expect(status).toMatchObject({ lastProcessedVersion: head, eventsProcessed: events.length });
}

await describeWithPostgres('several service instances on one PostgreSQL', () => {
  const schemas: string[] = [];
  const servers: ChildServer[] = [];
  const start = async (schema: string) => {
    const server = await startChildServer({ EVENT_STORE: 'postgres', DATABASE_URL, PG_SCHEMA: schema, PG_POOL_SIZE: '5' });
    servers.push(server);
    return server;
  };
  afterAll(async () => {
    await Promise.all(servers.map((server) => (server.process.exitCode === null ? server.stop() : undefined)));
    await dropSchemas(schemas);
  });

  it('keeps balances exact and idempotency keys honoured across two instances, and their read models agree with the log', async () => {
    const schema = freshSchema();
    schemas.push(schema);
    const a = await start(schema);
    const b = await start(schema);
    const instances = [a.url, b.url];

    for (const [index, id] of ['m-1', 'm-2', 'm-3'].entries()) {
      expect((await postJson(`${instances[index % 2]}/commands/open-account`, { accountId: id, initialBalance: 500 })).status).toBe(201);
    }

    // 100 withdrawals of 10 on a balance of 500, spread over both instances: exactly 50 succeed.
    const withdrawals = await Promise.all(
      Array.from({ length: 100 }, (_, i) => postJson(`${instances[i % 2]}/commands/withdraw`, { accountId: 'm-1', amount: 10 })),
    );
    expect(withdrawals.filter((r) => r.status !== 200 && r.status !== 422)).toEqual([]);
    expect(withdrawals.filter((r) => r.status === 200)).toHaveLength(50);
    expect(withdrawals.filter((r) => r.status === 422 && r.body.code === 'INSUFFICIENT_FUNDS')).toHaveLength(50);

    // Mixed deposits and withdrawals on two accounts from both instances: nothing lost.
    const mixed = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        postJson(`${instances[i % 2]}/commands/${i % 3 === 0 ? 'withdraw' : 'deposit'}`, { accountId: i % 4 < 2 ? 'm-2' : 'm-3', amount: 1.25 }),
      ),
    );
    expect(mixed.every((r) => r.status === 200)).toBe(true);

    // The same Idempotency-Key sent to both instances at once: one event, identical responses.
    const headBefore = (await wholeLog(a.url)).length;
    const repeats = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postJson(`${instances[i % 2]}/commands/deposit`, { accountId: 'm-3', amount: 7 }, { 'Idempotency-Key': 'cross-instance-1' }),
      ),
    );
    for (const r of repeats) expect(r).toEqual(repeats[0]);
    expect(repeats[0].status).toBe(200);
    expect((await wholeLog(b.url)).length).toBe(headBefore + 1);

    for (const [id, balance] of [['m-1', 0], ['m-2', 500 + 40 * 1.25 - 20 * 1.25], ['m-3', 500 + 40 * 1.25 - 20 * 1.25 + 7]] as const) {
      for (const url of instances) {
        expect(await getJson<{ balance: number }>(`${url}/queries/account/${id}?limit=0`)).toMatchObject({ balance });
      }
    }
    await expectReadModelsMatchTheLog(a.url);
    await expectReadModelsMatchTheLog(b.url);
  });

  it('moves the projection leases to the other instance when their holder is killed, applying nothing twice', async () => {
    const schema = freshSchema();
    schemas.push(schema);
    const holder = await start(schema);
    await postJson(`${holder.url}/commands/open-account`, { accountId: 'f-1', initialBalance: 1 });
    const statusesOf = (url: string) => getJson<Array<{ name: string; worker: string }>>(`${url}/projections`);
    expect((await statusesOf(holder.url)).every((status) => status.worker === 'active')).toBe(true);
    const standby = await start(schema);
    expect((await statusesOf(standby.url)).every((status) => status.worker === 'standby')).toBe(true);

    let writing = true;
    let acknowledged = 0;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const response = await postJson(`${standby.url}/commands/deposit`, { accountId: 'f-1', amount: 0.5 });
        if (response.status === 200) acknowledged++;
      }
    })();
    await waitUntil(() => acknowledged >= 20, 10_000, 'deposits before the kill');
    await holder.kill();
    await waitUntil(async () => (await statusesOf(standby.url)).every((status) => status.worker === 'active'), 10_000, 'lease takeover');
    const atTakeover = acknowledged;
    await waitUntil(() => acknowledged >= atTakeover + 20, 10_000, 'deposits after the takeover');
    writing = false;
    await writer;

    await expectReadModelsMatchTheLog(standby.url);
  });
});
