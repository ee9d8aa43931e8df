import request from 'supertest';
import type { StoredEvent } from '../src/eventstore/event-envelope.js';
import { createTestApp, type TestApp } from './support/create-test-app.js';
import { waitUntil } from './support/wait-until.js';

const ADMIN_TOKEN = 'admin-token-for-the-transfer-stream-test';

/** A transfer's own stream (SPEC 2): its events name the transfer, the stream's name stays inside the store. */
describe("a transfer's stream", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ adminToken: ADMIN_TOKEN });
  });
  afterAll(() => t.close());

  const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
  const transferEvents = async () =>
    ((await request(t.server).get('/events/stream?limit=10000').set(admin).expect(200)).body as StoredEvent[]).filter((event) => event.aggregateType === 'Transfer');

  async function completedTransfer(from: string, to: string): Promise<string> {
    await request(t.server).post('/commands/open-account').set(admin).send({ accountId: from, initialBalance: 50 }).expect(201);
    await request(t.server).post('/commands/open-account').set(admin).send({ accountId: to }).expect(201);
    const { transferId } = (await request(t.server).post('/commands/transfer').set(admin).send({ fromAccountId: from, toAccountId: to, amount: 20 }).expect(202)).body;
    await waitUntil(async () => (await request(t.server).get(`/queries/transfers/${transferId}`).set(admin)).body.status === 'completed', 5000, 'the transfer to complete');
    return transferId as string;
  }

  it('carries aggregateType Transfer and the transferId as aggregateId, in the log, the export and the stats', async () => {
    const transferId = await completedTransfer('ts-a', 'ts-b');
    const events = (await transferEvents()).filter((event) => event.aggregateId === transferId);
    expect(events.map((event) => [event.aggregateType, event.aggregateId, event.eventType, event.metadata.version])).toEqual([
      ['Transfer', transferId, 'TransferRequested', 1],
      ['Transfer', transferId, 'TransferCompleted', 2],
    ]);
    const exported = (await request(t.server).get('/events/export').set(admin).expect(200)).text.trim().split('\n').map((line) => JSON.parse(line) as StoredEvent);
    expect(exported.filter((event) => event.aggregateType === 'Transfer').map((event) => event.aggregateId)).toEqual([transferId, transferId]);
    const stats = await request(t.server).get('/stats?limit=1000').set(admin).expect(200);
    expect(stats.body.aggregates).toContainEqual({ aggregate: `Transfer:${transferId}`, eventCount: 2, latestVersion: 2 });
    expect(stats.body.aggregates.map((entry: { aggregate: string }) => entry.aggregate)).not.toContainEqual(expect.stringMatching(/^Transfer:transfer:/));
  });

  it('imports an older export, whose transfer events name the stream (transfer:<id>), and a current one, into the same stream', async () => {
    const transferId = await completedTransfer('ts-c', 'ts-d');
    const [requested, completed] = (await transferEvents()).filter((event) => event.aggregateId === transferId);
    const target = await createTestApp({ adminToken: ADMIN_TOKEN });
    try {
      // An older release exported the stream's name; this one exports the transfer id.
      const older = { ...requested, id: '01900000-0000-7000-8000-00000000aa01', aggregateId: 'transfer:legacy-1' };
      const olderEnd = { ...completed, id: '01900000-0000-7000-8000-00000000aa02', aggregateId: 'transfer:legacy-1' };
      const lines = [older, olderEnd, requested, completed].map((event) => JSON.stringify(event)).join('\n');
      const imported = await request(target.server).post('/events/import').set(admin).set('Content-Type', 'application/x-ndjson').send(lines);
      expect(imported.status).toBe(200);
      expect(imported.body).toMatchObject({ importedEvents: 4, importedStreams: 2, conflictCount: 0 });
      for (const id of ['legacy-1', transferId]) {
        const transfer = await request(target.server).get(`/queries/transfers/${id}`).set(admin).expect(200);
        expect(transfer.body).toMatchObject({ transferId: id, status: 'completed', amount: 20 });
      }
      expect((await target.store.readStream('transfer:legacy-1')).map((event) => event.aggregateId)).toEqual(['legacy-1', 'legacy-1']);
      expect(await target.store.readStream(`transfer:transfer:legacy-1`)).toEqual([]);
    } finally {
      await target.close();
    }
  });
});
