import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../eventstore/adapters/sqlite/sqlite-event-store.js';
import type { StoredEvent } from '../eventstore/event-envelope.js';
import type { SqlStatement } from '../eventstore/projection-checkpoint.js';
import type { Projection, ProjectionReader, TableNamer } from './projection.js';
import { ProjectionWorker } from './projection-worker.js';

/**
 * Two workers of one projection on one store, as two service instances run them: `holder` holds the
 * lease and applies the log, `other` only follows, but may run a rebuild (a request can reach any
 * instance). A rebuild swaps in a new table generation at the position the holder is at; the holder must
 * then move to that generation, never write the old one back over it, and a rebuild must build beside
 * the generation that is live in the store, not the one a stale worker remembers.
 */
class PositionsProjection implements Projection {
  readonly name = 'Positions';
  readonly tables = ['positions'];
  schema(table: TableNamer): SqlStatement[] {
    return [{ sql: `CREATE TABLE IF NOT EXISTS ${table('positions')} (position BIGINT PRIMARY KEY)` }];
  }
  async project(events: readonly StoredEvent[], table: TableNamer, reader: ProjectionReader): Promise<SqlStatement[]> {
    // Reads its own table first, as projections that fold into existing rows do.
    await reader.query(`SELECT COUNT(*) AS n FROM ${table('positions')}`);
    return events.map((event) => ({ sql: `INSERT INTO ${table('positions')} (position) VALUES (?)`, params: [event.position] }));
  }
}

const SETTINGS = { batchSize: 100, coalesceMs: 0, pollIntervalMs: 60_000, retryBaseMs: 60_000, retryMaxMs: 60_000 };

describe('projection generations across two workers of one projection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'projection-generations-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  let store: SqliteEventStore;
  let holder: ProjectionWorker;
  let other: ProjectionWorker;
  let head = 0;

  async function append(count: number): Promise<number> {
    for (let i = 0; i < count; i++) {
      const result = await store.append({
        streamId: randomUUID(),
        streamType: 'BankAccount',
        expectedVersion: 0,
        events: [{ id: randomUUID(), eventType: 'AccountOpened', data: { initialBalance: 0 }, schemaVersion: 1, timestamp: 1 }],
      });
      head = result.position;
    }
    holder.notify();
    return head;
  }

  async function positionsIn(generation: number): Promise<number[]> {
    const rows = await store.queryReadModel<{ position: number }>(`SELECT position FROM positions_g${generation} ORDER BY position`);
    return rows.map((row) => row.position);
  }

  const upTo = (last: number) => Array.from({ length: last }, (_, index) => index + 1);

  /** Appends two events and checks that the holder applied them to `generation`, after the three before. */
  async function expectNewEventsAppliedTo(generation: number): Promise<void> {
    await append(2);
    expect(await holder.waitFor(5, 5000)).toBe(true);

    expect(await store.loadCheckpoint('Positions')).toMatchObject({ position: 5, generation });
    expect(await positionsIn(generation)).toEqual(upTo(5));
    expect(holder.faulted).toBe(false);
  }

  beforeEach(async () => {
    store = new SqliteEventStore({ path: join(dir, `${randomUUID()}.sqlite`), synchronous: 'normal' });
    holder = new ProjectionWorker(new PositionsProjection(), store, SETTINGS);
    other = new ProjectionWorker(new PositionsProjection(), store, SETTINGS);
    await holder.start();
    await append(3);
    expect(await holder.waitFor(3, 5000)).toBe(true);
    await other.start();
  });

  afterEach(async () => {
    await Promise.all([holder.stop(), other.stop()]);
    await store.close();
  });

  it('given a rebuild elsewhere swapped in generation 2, when the holder applies its next batch, then it applies it to generation 2', async () => {
    expect(await other.rebuild(() => 0)).toMatchObject({ lastProcessedVersion: 3 });
    expect(await store.loadCheckpoint('Positions')).toMatchObject({ position: 3, generation: 2 });

    await expectNewEventsAppliedTo(2);
  });

  it('given two rebuilds elsewhere dropped the generation the holder last wrote, when new events come, then the holder carries on in the live one', async () => {
    await other.rebuild(() => 0);
    await other.rebuild(() => 0);
    expect(await store.loadCheckpoint('Positions')).toMatchObject({ position: 3, generation: 3 });

    await expectNewEventsAppliedTo(3);
  });

  it('given the holder has not seen a swap made elsewhere, when it rebuilds, then it builds beside the live generation and leaves it whole', async () => {
    await other.rebuild(() => 0);

    expect(await holder.rebuild(() => 0)).toMatchObject({ lastProcessedVersion: 3 });

    expect(await store.loadCheckpoint('Positions')).toMatchObject({ position: 3, generation: 3 });
    expect(await positionsIn(3)).toEqual(upTo(3));
  });
});
