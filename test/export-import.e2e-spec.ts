import request from 'supertest';
import { newEventId } from '../src/eventstore/event-id.js';
import type { StoredEvent } from '../src/eventstore/event-envelope.js';
import { createTestApp, type TestApp } from './support/create-test-app.js';
import { waitUntil } from './support/wait-until.js';

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const T0 = Date.UTC(2024, 2, 1);

/** The NDJSON body of an export, parsed line by line (a body that does not end in a newline fails). */
function parseNdjson(text: string): StoredEvent[] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as StoredEvent);
}

async function exportOf(t: TestApp, query = ''): Promise<StoredEvent[]> {
  const response = await request(t.server).get(`/events/export${query}`).buffer(true).parse((res, done) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => done(null, text));
  });
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
  return response.body === '' ? [] : parseNdjson(response.body as string);
}

const ndjson = (events: readonly object[]) => events.map((event) => JSON.stringify(event)).join('\n') + '\n';

function importing(t: TestApp, body: string) {
  return request(t.server).post('/events/import').set(admin).set('Content-Type', 'application/x-ndjson').send(body);
}

/** What must survive an export and import: everything but the position. */
const withoutPosition = ({ position: _position, ...event }: StoredEvent) => event;

describe('export and import', () => {
  let source: TestApp;
  let target: TestApp;
  let exported: StoredEvent[];

  beforeAll(async () => {
    source = await createTestApp({ adminToken: ADMIN_TOKEN });
    target = await createTestApp({ adminToken: ADMIN_TOKEN });
    for (const [accountId, initialBalance] of [['exp-1', 100], ['exp-2', 0], ['exp-3', 5]] as const) {
      await request(source.server).post('/commands/open-account').send({ accountId, initialBalance }).expect(201);
    }
    await request(source.server).post('/commands/deposit').set('X-Correlation-Id', 'corr-export').send({ accountId: 'exp-1', amount: 0.1 }).expect(200);
    await request(source.server).post('/commands/deposit').send({ accountId: 'exp-2', amount: 0.2 }).expect(200);
    await request(source.server).post('/commands/withdraw').send({ accountId: 'exp-1', amount: 50 }).expect(200);
    await request(source.server).post('/commands/withdraw').send({ accountId: 'exp-3', amount: 5 }).expect(200);
    await request(source.server).post('/commands/close-account').send({ accountId: 'exp-3' }).expect(200);
    exported = await exportOf(source);
  });
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('exports every event in position order, as the events API shows them', async () => {
    const stream = await request(source.server).get('/events/stream').expect(200);
    expect(exported).toEqual(stream.body);
    expect(exported).toHaveLength(8);
    expect((await exportOf(source, '?after=5')).map((event) => event.position)).toEqual([6, 7, 8]);
    expect(await exportOf(source, '?after=8')).toEqual([]);
  });

  it('imports an export into another store: same ids, versions, timestamps, data and metadata; same accounts', async () => {
    const response = await importing(target, ndjson(exported)).expect(200);
    expect(response.body).toEqual({ importedEvents: 8, importedStreams: 3, alreadyStoredEvents: 0, conflictCount: 0, conflicts: [] });

    const imported = await exportOf(target);
    expect(imported.map(withoutPosition)).toEqual(exported.map(withoutPosition));
    for (const accountId of ['exp-1', 'exp-2', 'exp-3']) {
      const [before, after] = await Promise.all([
        request(source.server).get(`/queries/account/${accountId}`).expect(200),
        request(target.server).get(`/queries/account/${accountId}`).expect(200),
      ]);
      expect(after.body).toEqual(before.body);
    }
    // The projections of the importing service caught up with the imported events.
    const balances = await request(target.server).get('/projections/AccountBalances?minPosition=8').expect(200);
    expect(balances.body.data.balances['exp-1']).toMatchObject({ balance: 50.1, isActive: true });
    // Commands continue the imported streams.
    const deposit = await request(target.server).post('/commands/deposit').send({ accountId: 'exp-1', amount: 1 }).expect(200);
    expect(deposit.body).toMatchObject({ version: 4, balance: 51.1 });
  });

  it('given the same export again, appends nothing and reports its events as stored already', async () => {
    const head = await target.store.headPosition();
    const again = await importing(target, ndjson(exported)).expect(200);
    expect(again.body).toEqual({ importedEvents: 0, importedStreams: 0, alreadyStoredEvents: 8, conflictCount: 0, conflicts: [] });
    expect(await target.store.headPosition()).toBe(head);
  });

  it('given an export sent again with more events, appends only the events after the stored ones', async () => {
    const more = await createTestApp({ adminToken: ADMIN_TOKEN });
    try {
      await importing(more, ndjson(exported.slice(0, 5))).expect(200);
      const head = await more.store.headPosition();
      const response = await importing(more, ndjson(exported)).expect(200);
      expect(response.body).toEqual({ importedEvents: 3, importedStreams: 2, alreadyStoredEvents: 5, conflictCount: 0, conflicts: [] });
      const appended = await more.store.readAll({ after: head, limit: 100 });
      expect(appended.map((event) => event.id)).toEqual(exported.slice(5).map((event) => event.id));
      const all = await exportOf(more);
      expect(all.map(withoutPosition)).toEqual(exported.map(withoutPosition));
    } finally {
      await more.close();
    }
  });

  it('refuses a stream that holds other events at the versions of the file, appending nothing of it, and imports the rest', async () => {
    const head = await target.store.headPosition();
    const rewritten = exported.filter((event) => event.aggregateId === 'exp-1').map((event) => ({ ...event, id: newEventId() }));
    const fresh = exported.filter((event) => event.aggregateId === 'exp-2').map((event) => ({ ...event, id: newEventId(), aggregateId: 'exp-2b' }));
    const mixed = await importing(target, ndjson([...rewritten, ...fresh])).expect(409);
    expect(mixed.body).toMatchObject({ importedEvents: 2, importedStreams: 1, alreadyStoredEvents: 0, conflictCount: 1, conflicts: [{ aggregateId: 'exp-1' }] });
    expect(mixed.body.conflicts[0].reason).toMatch(/^the stream is at version 4, and the import continues it from version 1$/);
    const appended = await target.store.readAll({ after: head, limit: 100 });
    expect(appended.map((event) => event.aggregateId)).toEqual(['exp-2b', 'exp-2b']);
    const account = await request(target.server).get('/queries/account/exp-2b').expect(200);
    expect(account.body).toMatchObject({ version: 2, balance: 0.2 });
  });

  it('refuses a stream whose stored events are not its first ones in the file', async () => {
    const head = await target.store.headPosition();
    const stream = exported.filter((event) => event.aggregateId === 'exp-3');
    const response = await importing(target, ndjson([{ ...stream[0], id: newEventId() }, ...stream.slice(1)])).expect(409);
    expect(response.body).toMatchObject({ importedEvents: 0, alreadyStoredEvents: 0, conflictCount: 1, conflicts: [{ aggregateId: 'exp-3' }] });
    expect(response.body.conflicts[0].reason).toBe('2 of its events are stored already, but not its first 2 in the file');
    expect(await target.store.headPosition()).toBe(head);
  });

  it('refuses a stream carrying an event id already stored elsewhere', async () => {
    const head = await target.store.headPosition();
    const copy = exported.filter((event) => event.aggregateId === 'exp-2').map((event) => ({ ...event, aggregateId: 'exp-2c' }));
    const response = await importing(target, ndjson(copy)).expect(409);
    expect(response.body).toMatchObject({ importedEvents: 0, conflictCount: 1, conflicts: [{ aggregateId: 'exp-2c' }] });
    expect(response.body.conflicts[0].reason).toMatch(/already stored/);
    expect(await target.store.headPosition()).toBe(head);
    await request(target.server).get('/queries/account/exp-2c').expect(404);
  });

  it('refuses an interleaved stream with a stored event id whole, and one that repeats an id of the file from that event on', async () => {
    const storedId = exported[0].id;
    const line = (aggregateId: string, version: number, id = newEventId()) => ({
      id,
      position: 0,
      aggregateId,
      aggregateType: 'BankAccount',
      eventType: version === 1 ? 'AccountOpened' : 'MoneyDeposited',
      data: version === 1 ? { initialBalance: 0 } : { amount: 1 },
      metadata: { timestamp: T0 + version, version, schemaVersion: 1 },
    });
    // x1@1 x2@1 x3@1 x1@2 x2@2 ... x3@4: x2@2 carries an id the target holds, x3@3 the id of x1@1.
    const file = [1, 2, 3, 4].flatMap((version) => ['x1', 'x2', 'x3'].map((stream) => line(stream, version)));
    file[4] = line('x2', 2, storedId);
    file[8] = line('x3', 3, file[0].id);
    const head = await target.store.headPosition();

    const response = await importing(target, ndjson(file)).expect(409);

    expect(response.body).toMatchObject({ importedEvents: 6, importedStreams: 2, alreadyStoredEvents: 0, conflictCount: 2 });
    expect(response.body.conflicts).toEqual([
      { aggregateId: 'x2', reason: `Event id ${storedId} is already stored, as version 1 of stream exp-1` },
      { aggregateId: 'x3', reason: expect.stringMatching(/is already stored; its earlier events were imported$/) },
    ]);
    const appended = await target.store.readAll({ after: head, limit: 100 });
    expect(appended.map((event) => `${event.aggregateId}@${event.metadata.version}`)).toEqual(['x1@1', 'x3@1', 'x1@2', 'x3@2', 'x1@3', 'x1@4']);
    expect(await target.store.streamInfo('x2')).toBeNull();
  });

  it.each<[string, (lines: object[]) => string, RegExp]>([
    ['a line that is not JSON', (lines) => `${ndjson(lines.slice(0, 2))}{"id":\n${ndjson(lines.slice(2))}`, /line 3/],
    ['an event without data', (lines) => ndjson([lines[0], { ...lines[1], data: undefined }]), /data must be a JSON object/],
    ['a version gap in a stream', (lines) => ndjson([lines[0], { ...lines[1], metadata: { ...(lines[1] as StoredEvent).metadata, version: 3 } }]), /consecutive versions/],
    ['a JSON array line', () => '[]\n', /must be a JSON object/],
  ])('given %s, then 400 VALIDATION_FAILED naming the line, and nothing of the file is appended', async (_case, body, problem) => {
    const head = await target.store.headPosition();
    const stream = [0, 1, 2].map((index) => ({
      id: newEventId(),
      position: index + 1,
      aggregateId: 'bad-import',
      aggregateType: 'BankAccount',
      eventType: index === 0 ? 'AccountOpened' : 'MoneyDeposited',
      data: index === 0 ? { initialBalance: 0 } : { amount: 1 },
      metadata: { timestamp: T0, version: index + 1, schemaVersion: 1 },
    }));
    const response = await importing(target, body(stream)).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ field: expect.stringMatching(/^line \d+$/) }] });
    expect(JSON.stringify(response.body)).toMatch(problem);
    expect(await target.store.headPosition()).toBe(head);
  });

  it('reads legacy shapes that arrive through import as current ones', async () => {
    const legacy = [
      { id: newEventId(), aggregateId: 'legacy-imp', aggregateType: 'BankAccount', eventType: 'AccountOpened', data: { initialBalance: 0 }, metadata: { timestamp: T0, version: 1, schemaVersion: 1 } },
      { id: newEventId(), aggregateId: 'legacy-imp', aggregateType: 'BankAccount', eventType: 'FundsDeposited', data: { amountCents: 50000 }, metadata: { timestamp: T0 + 1, version: 2, schemaVersion: 1 } },
      { id: newEventId(), aggregateId: 'legacy-imp', aggregateType: 'BankAccount', eventType: 'FundsWithdrawn', data: { amountCents: 20000 }, metadata: { timestamp: T0 + 2, version: 3, schemaVersion: 1 } },
    ];
    await importing(target, ndjson(legacy)).expect(200);
    const account = await request(target.server).get('/queries/account/legacy-imp').expect(200);
    expect(account.body).toMatchObject({ balance: 300, transactionCount: 2 });
    const events = await request(target.server).get('/events/account/legacy-imp').expect(200);
    expect(events.body.map((event: StoredEvent) => [event.eventType, event.data])).toEqual([
      ['AccountOpened', { initialBalance: 0 }],
      ['MoneyDeposited', { amount: 500 }],
      ['MoneyWithdrawn', { amount: 200 }],
    ]);
  });

  it('needs the admin token and NDJSON', async () => {
    const head = await target.store.headPosition();
    const body = ndjson(exported);
    const anonymous = await request(target.server).post('/events/import').set('Content-Type', 'application/x-ndjson').send(body);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHORIZED');
    const json = await request(target.server).post('/events/import').set(admin).set('Content-Type', 'application/json').send('{}');
    expect(json.status).toBe(415);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const query = await request(target.server).post('/events/import?dryRun=1').set(admin).set('Content-Type', 'application/x-ndjson').send(body);
    expect(query.status).toBe(400);
    expect(await target.store.headPosition()).toBe(head);
  });
});

describe('export of a log longer than a page, and import without ADMIN_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('exports 2,500 events over several pages, each once, in position order', async () => {
    for (const streamId of ['long-a', 'long-b', 'long-c']) {
      for (let from = 0; from < 900; from += 300) {
        await t.store.append({
          streamId,
          streamType: 'Ledger',
          expectedVersion: from,
          events: Array.from({ length: streamId === 'long-c' && from === 600 ? 100 : 300 }, (_, index) => ({
            id: newEventId(),
            eventType: 'Entry',
            data: { n: from + index },
            schemaVersion: 1,
            timestamp: T0,
          })),
        });
      }
    }
    const events = await exportOf(t);
    expect(events).toHaveLength(2500);
    expect(events.every((event, index) => event.position === index + 1)).toBe(true);
    expect(new Set(events.map((event) => event.id)).size).toBe(2500);
  });

  it('refuses imports with 401 when the service runs without ADMIN_TOKEN', async () => {
    const head = await t.store.headPosition();
    const response = await request(t.server).post('/events/import').set('Content-Type', 'application/x-ndjson').send('{}\n');
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/without ADMIN_TOKEN/) });
    expect(await t.store.headPosition()).toBe(head);
  });
});

describe('import of a history with transfers', () => {
  let source: TestApp;
  let target: TestApp;
  beforeAll(async () => {
    source = await createTestApp({ adminToken: ADMIN_TOKEN });
    target = await createTestApp({ adminToken: ADMIN_TOKEN });
  });
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  const statusOf = async (t: TestApp, transferId: string) => (await request(t.server).get(`/queries/transfers/${transferId}`)).body.status as string;

  it('moves no money again: the imported legs are known to the transfer process manager', async () => {
    await request(source.server).post('/commands/open-account').send({ accountId: 'imp-tr-a', initialBalance: 100 }).expect(201);
    await request(source.server).post('/commands/open-account').send({ accountId: 'imp-tr-b', initialBalance: 0 }).expect(201);
    const body = (transferId: string, toAccountId: string) => ({ fromAccountId: 'imp-tr-a', toAccountId, amount: 10, transferId });
    await request(source.server).post('/commands/transfer').send(body('imp-done', 'imp-tr-b')).expect(202);
    await request(source.server).post('/commands/transfer').send(body('imp-failed', 'imp-tr-nobody')).expect(202);
    await waitUntil(async () => (await statusOf(source, 'imp-done')) === 'completed' && (await statusOf(source, 'imp-failed')) === 'failed', 5000, 'both transfers to end');
    const exported = await exportOf(source);

    await importing(target, ndjson(exported)).expect(200);
    const head = await target.store.headPosition();
    expect(head).toBe(exported.length);
    // Once the target's process manager has read every imported event, it has appended nothing.
    await request(target.server).get(`/projections/TransferProcess?minPosition=${head}`).expect(200);
    expect(await target.store.headPosition()).toBe(head);
    expect([await statusOf(target, 'imp-done'), await statusOf(target, 'imp-failed')]).toEqual(['completed', 'failed']);
    for (const accountId of ['imp-tr-a', 'imp-tr-b']) {
      const [before, after] = await Promise.all([
        request(source.server).get(`/queries/account/${accountId}`).expect(200),
        request(target.server).get(`/queries/account/${accountId}`).expect(200),
      ]);
      expect(after.body).toEqual(before.body);
    }
    // The transfer id is known: sending the same transfer again answers with it instead of moving money.
    expect((await request(target.server).post('/commands/transfer').send(body('imp-done', 'imp-tr-b')).expect(202)).body).toEqual({
      transferId: 'imp-done',
      status: 'completed',
    });
    expect(await target.store.headPosition()).toBe(head);
  });
});
