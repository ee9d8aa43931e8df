import { Injectable, type Type } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SqliteEventStore } from '../src/eventstore/adapters/sqlite/sqlite-event-store.js';
import type { StoredEvent } from '../src/eventstore/event-envelope.js';
import { EVENT_STORE, type EventStore, type ReadAllOptions } from '../src/eventstore/event-store.port.js';
import type { SqlStatement } from '../src/eventstore/projection-checkpoint.js';
import { AsyncProjection } from '../src/projections/async-projection.decorator.js';
import type { Projection, TableNamer } from '../src/projections/projection.js';
import { ProjectionRunner } from '../src/projections/projection-runner.js';
import { PROJECTIONS_OPTIONS, type ProjectionsModuleOptions } from '../src/projections/projections.options.js';
import { createTestApp, type TestApp } from './support/create-test-app.js';
import { waitUntil } from './support/wait-until.js';

/** Counts the events projections read from the log. */
function countingReadAll(inner: EventStore, counter: { events: number }): EventStore {
  return new Proxy(inner, {
    get: (target, property, receiver) => {
      if (property === 'readAll') {
        return async (options: ReadAllOptions) => {
          const events = await target.readAll(options);
          counter.events += events.length;
          return events;
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('projection runner', () => {
  let folder: string;

  /** The service on its own file in the test folder, with these projection options and one more projection. */
  const appWith = (file: string, options: ProjectionsModuleOptions, projection?: Type): Promise<TestApp> =>
    createTestApp(
      { sqlitePath: join(folder, file) },
      (builder) => builder.overrideProvider(PROJECTIONS_OPTIONS).useValue(options),
      projection ? [projection] : [],
    );

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'bank-runner-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('given caught-up projections, when the service restarts without new events, then it replays nothing', async () => {
    const sqlitePath = join(folder, 'restart.sqlite');
    const first = await createTestApp({ sqlitePath });
    await request(first.server).post('/commands/open-account').send({ accountId: 'r-1', initialBalance: 5 }).expect(201);
    for (let i = 0; i < 20; i++) await request(first.server).post('/commands/deposit').send({ accountId: 'r-1', amount: 1 }).expect(200);
    await request(first.server).get('/stats?minPosition=21').expect(200);
    for (const name of ['AccountBalances', 'TransactionHistory', 'DailySummary', 'TransferProcess']) {
      await request(first.server).get(`/projections/${name}?minPosition=21`).expect(200);
    }
    await first.close();

    const counter = { events: 0 };
    const second = await createTestApp({ sqlitePath }, (builder) =>
      builder.overrideProvider(EVENT_STORE).useFactory({ factory: () => countingReadAll(new SqliteEventStore({ path: sqlitePath }), counter) }),
    );
    const balances = await request(second.server).get('/projections/AccountBalances').expect(200);
    expect(balances.body).toMatchObject({ lastProcessedVersion: 21, data: { balances: { 'r-1': { balance: 25 } } } });
    const statuses = await request(second.server).get('/projections').expect(200);
    for (const status of statuses.body) expect(status).toMatchObject({ lastProcessedVersion: 21, eventsProcessed: 21, lag: 0 });
    expect(counter.events).toBe(0);

    await request(second.server).post('/commands/deposit').send({ accountId: 'r-1', amount: 1 }).expect(200);
    await request(second.server).get('/stats?minPosition=22').expect(200);
    for (const name of ['AccountBalances', 'TransactionHistory', 'DailySummary', 'TransferProcess']) {
      await request(second.server).get(`/projections/${name}?minPosition=22`).expect(200);
    }
    // The projections (and the transfer process manager) share the read of the new event.
    expect(counter.events).toBe(1);
    await second.close();
  });

  describe('rebuild while writes go on', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await appWith('rebuild.sqlite', { batchSize: 50 });
    });
    afterAll(() => t.close());

    it('swaps in a complete copy: no reader sees a partial state, nothing is missed or counted twice', async () => {
      const accounts = Array.from({ length: 8 }, (_, i) => `rb-${i}`);
      for (const accountId of accounts) {
        await request(t.server).post('/commands/open-account').send({ accountId, initialBalance: 100 }).expect(201);
      }
      for (let round = 0; round < 60; round++) {
        for (const accountId of accounts) await request(t.server).post('/commands/deposit').send({ accountId, amount: 1 }).expect(200);
      }

      let rebuilding = true;
      let writes = 0;
      const writer = (async () => {
        for (let i = 0; rebuilding; i++) {
          await request(t.server).post('/commands/deposit').send({ accountId: accounts[i % accounts.length], amount: 0.01 }).expect(200);
          writes++;
        }
      })();
      const observations: Array<Record<string, { balance: number }>> = [];
      const statuses = new Set<string>();
      const reader = (async () => {
        while (rebuilding) {
          const read = await request(t.server).get('/projections/AccountBalances').expect(200);
          observations.push(read.body.data.balances);
          const list = await request(t.server).get('/projections').expect(200);
          statuses.add(list.body.find((p: { name: string }) => p.name === 'AccountBalances').status);
        }
      })();

      const rebuild = await request(t.server).post('/projections/rebuild').send({ name: 'AccountBalances' }).expect(200);
      rebuilding = false;
      await Promise.all([writer, reader]);

      expect(rebuild.body).toMatchObject({ name: 'AccountBalances', status: 'running' });
      expect(rebuild.body.eventsReplayed).toBe(rebuild.body.lastProcessedVersion);
      expect(writes).toBeGreaterThan(0);
      expect(statuses.has('rebuilding')).toBe(true);
      expect(observations.length).toBeGreaterThan(1);
      let previous: Record<string, { balance: number }> | undefined;
      for (const balances of observations) {
        expect(Object.keys(balances).sort()).toEqual([...accounts].sort());
        for (const accountId of accounts) {
          expect(balances[accountId].balance).toBeGreaterThanOrEqual(160);
          if (previous) expect(balances[accountId].balance).toBeGreaterThanOrEqual(previous[accountId].balance);
        }
        previous = balances;
      }

      const after = await request(t.server).get('/projections/AccountBalances').expect(200);
      for (const accountId of accounts) {
        const account = await request(t.server).get(`/queries/account/${accountId}?limit=0`).expect(200);
        expect(after.body.data.balances[accountId].balance).toBe(account.body.balance);
      }
      const stats = await request(t.server).get('/stats').expect(200);
      expect(after.body.lastProcessedVersion).toBe(stats.body.headPosition);
      const status = (await request(t.server).get('/projections').expect(200)).body.find((p: { name: string }) => p.name === 'AccountBalances');
      expect(status).toMatchObject({ status: 'running', eventsProcessed: stats.body.headPosition, lag: 0 });
    });
  });

  describe('a projection whose handler throws', () => {
    /** Fails on deposits of 13.13 while `failing` is set. */
    @Injectable()
    @AsyncProjection()
    class FlakyProjection implements Projection {
      readonly name = 'Flaky';
      readonly tables = ['flaky_seen'];
      failing = true;
      schema(table: TableNamer): SqlStatement[] {
        return [{ sql: `CREATE TABLE IF NOT EXISTS ${table('flaky_seen')} (position BIGINT PRIMARY KEY, amount TEXT)` }];
      }
      async project(events: readonly StoredEvent[], table: TableNamer): Promise<SqlStatement[]> {
        return events.map((event) => {
          if (this.failing && event.data.amount === 13.13) throw new Error('cannot handle 13.13');
          return { sql: `INSERT INTO ${table('flaky_seen')} (position, amount) VALUES (?, ?)`, params: [event.position, String(event.data.amount ?? '')] };
        });
      }
    }

    let t: TestApp;
    beforeAll(async () => {
      t = await appWith('faults.sqlite', { retryBaseMs: 5, retryMaxMs: 20 }, FlakyProjection);
    });
    afterAll(() => t.close());

    it('goes faulted at that event, never skips it, keeps the rest working, and recovers once the cause is gone', async () => {
      await request(t.server).post('/commands/open-account').send({ accountId: 'f-1', initialBalance: 0 }).expect(201);
      await request(t.server).post('/commands/deposit').send({ accountId: 'f-1', amount: 1 }).expect(200);
      const poison = await request(t.server).post('/commands/deposit').send({ accountId: 'f-1', amount: 13.13 }).expect(200);
      await request(t.server).post('/commands/deposit').send({ accountId: 'f-1', amount: 2 }).expect(200);

      const flakyStatus = async () =>
        (await request(t.server).get('/projections').expect(200)).body.find((p: { name: string }) => p.name === 'Flaky');
      await waitUntil(async () => (await flakyStatus()).status === 'faulted', 5000, 'Flaky to be faulted');
      const faulted = await flakyStatus();
      expect(faulted.lastProcessedVersion).toBe(poison.body.position - 1);
      expect(faulted.lastError).toContain('cannot handle 13.13');
      expect(faulted.lastError).toContain(`position ${poison.body.position}`);

      const other = await request(t.server).post('/commands/deposit').send({ accountId: 'f-1', amount: 3 }).expect(200);
      const balances = await request(t.server).get('/projections/AccountBalances').expect(200);
      expect(balances.body).toMatchObject({ lastProcessedVersion: other.body.position, data: { balances: { 'f-1': { balance: 19.13 } } } });
      expect((await flakyStatus()).lastProcessedVersion).toBe(poison.body.position - 1);

      t.app.get(FlakyProjection).failing = false;
      expect(await t.app.get(ProjectionRunner).worker('Flaky').waitFor(other.body.position, 5000)).toBe(true);
      const recovered = await flakyStatus();
      expect(recovered).toMatchObject({ status: 'running', lastProcessedVersion: other.body.position, lag: 0 });
      expect(recovered.lastError).toBeUndefined();
      const seen = await t.store.queryReadModel<{ position: number; amount: string }>('SELECT position, amount FROM flaky_seen_g1 ORDER BY position');
      expect(seen.map((row) => row.amount)).toEqual(['', '1', '13.13', '2', '3']);
    });
  });

  describe('a rebuild when the worker stops', () => {
    /** Counts the batches given to it per table generation; a rebuild's first batch waits for `gate`. */
    @Injectable()
    @AsyncProjection()
    class GatedProjection implements Projection {
      readonly name = 'Gated';
      readonly tables = ['gated_seen'];
      readonly batches = new Map<string, number>();
      gate: Promise<void> = Promise.resolve();
      atGate: () => void = () => undefined;
      schema(table: TableNamer): SqlStatement[] {
        return [{ sql: `CREATE TABLE IF NOT EXISTS ${table('gated_seen')} (position BIGINT PRIMARY KEY)` }];
      }
      async project(events: readonly StoredEvent[], table: TableNamer): Promise<SqlStatement[]> {
        const name = table('gated_seen');
        this.batches.set(name, (this.batches.get(name) ?? 0) + 1);
        if (name !== 'gated_seen_g1') {
          this.atGate();
          await this.gate;
        }
        return events.map((event) => ({ sql: `INSERT INTO ${name} (position) VALUES (?)`, params: [event.position] }));
      }
    }

    let t: TestApp;
    beforeAll(async () => {
      t = await appWith('rebuild-stop.sqlite', { batchSize: 5 }, GatedProjection);
    });
    afterAll(() => t.close());

    it('abandons the replay instead of finishing it, and leaves the live copy as it was', async () => {
      await request(t.server).post('/commands/open-account').send({ accountId: 's-1', initialBalance: 0 }).expect(201);
      let last = 0;
      for (let i = 0; i < 30; i++) {
        last = (await request(t.server).post('/commands/deposit').send({ accountId: 's-1', amount: 1 }).expect(200)).body.position;
      }
      const runner = t.app.get(ProjectionRunner);
      const worker = runner.worker('Gated');
      expect(await worker.waitFor(last, 5000)).toBe(true);
      const projection = t.app.get(GatedProjection);
      let open!: () => void;
      projection.gate = new Promise<void>((resolve) => (open = resolve));
      const reachedGate = new Promise<void>((resolve) => (projection.atGate = resolve));

      const rebuild = runner.rebuild('Gated');
      rebuild.catch(() => undefined);
      await reachedGate;
      const stopped = worker.stop();
      open();
      await stopped;

      await expect(rebuild).rejects.toThrow(/abandoned/);
      // One batch of the 31 events (batches of 5) was replayed: the one under way when the stop came.
      expect(projection.batches.get('gated_seen_g2')).toBe(1);
      expect(await t.store.loadCheckpoint('Gated')).toMatchObject({ generation: 1, position: last });
      expect(await t.store.queryReadModel('SELECT COUNT(*) AS n FROM gated_seen_g1')).toEqual([{ n: last }]);
    });
  });

  describe('a projection in back-off after a failure', () => {
    /** Always fails on deposits of 66.66; counts how often it was given one. */
    @Injectable()
    @AsyncProjection()
    class PoisonedProjection implements Projection {
      readonly name = 'Poisoned';
      readonly tables = ['poisoned_seen'];
      attempts = 0;
      schema(table: TableNamer): SqlStatement[] {
        return [{ sql: `CREATE TABLE IF NOT EXISTS ${table('poisoned_seen')} (position BIGINT PRIMARY KEY)` }];
      }
      async project(events: readonly StoredEvent[], table: TableNamer): Promise<SqlStatement[]> {
        if (events.some((event) => event.data.amount === 66.66)) {
          this.attempts += 1;
          throw new Error('cannot handle 66.66');
        }
        return events.map((event) => ({ sql: `INSERT INTO ${table('poisoned_seen')} (position) VALUES (?)`, params: [event.position] }));
      }
    }

    let t: TestApp;
    beforeAll(async () => {
      // A back-off far longer than the test: any retry seen here was started by something else.
      t = await appWith('backoff.sqlite', { retryBaseMs: 600_000, retryMaxMs: 600_000 }, PoisonedProjection);
    });
    afterAll(() => t.close());

    it('does not retry the failing event on every commit: new events wait for the back-off to end', async () => {
      await request(t.server).post('/commands/open-account').send({ accountId: 'p-1', initialBalance: 0 }).expect(201);
      await request(t.server).post('/commands/deposit').send({ accountId: 'p-1', amount: 66.66 }).expect(200);
      const runner = t.app.get(ProjectionRunner);
      await waitUntil(async () => runner.worker('Poisoned').faulted, 5000, 'Poisoned to be faulted');
      const attempts = t.app.get(PoisonedProjection).attempts;

      let last = 0;
      for (let i = 0; i < 5; i++) {
        last = (await request(t.server).post('/commands/deposit').send({ accountId: 'p-1', amount: 1 }).expect(200)).body.position;
      }
      // Every commit has reached the projections that are not in back-off.
      expect(await runner.worker('AccountBalances').waitFor(last, 5000)).toBe(true);

      expect(t.app.get(PoisonedProjection).attempts).toBe(attempts);
      expect(runner.worker('Poisoned').faulted).toBe(true);
    });
  });
});
