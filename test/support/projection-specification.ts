import { InMemoryEventStore } from '../../src/eventstore/adapters/in-memory/in-memory-event-store.js';
import type { StoredEvent } from '../../src/eventstore/event-envelope.js';
import type { ProjectionCheckpoint } from '../../src/eventstore/projection-checkpoint.js';
import { type Projection, type ProjectionReader, tableNamer } from '../../src/projections/projection.js';

/** 2026-01-15T09:00:00.000Z, when the factory's events start unless told otherwise. */
export const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

/**
 * Builds StoredEvents as the store would hand them to a projection: consecutive global positions from 1,
 * stream versions counted per aggregate from 1, data in the stored shape, schema version 1. Each event
 * is 1 s after the previous one unless it names its own timestamp.
 */
export class StoredEventFactory {
  private position = 0;
  private time: number;
  private readonly versions = new Map<string, number>();

  constructor(start = T0) {
    this.time = start - 1000;
  }

  event(aggregateId: string, eventType: string, data: Record<string, unknown>, options: { at?: number; aggregateType?: string } = {}): StoredEvent {
    const aggregateType = options.aggregateType ?? 'BankAccount';
    const stream = `${aggregateType}:${aggregateId}`;
    const version = (this.versions.get(stream) ?? 0) + 1;
    this.versions.set(stream, version);
    this.time = options.at ?? this.time + 1000;
    this.position += 1;
    return {
      id: `evt-${String(this.position).padStart(3, '0')}`,
      position: this.position,
      aggregateId,
      aggregateType,
      eventType,
      data,
      metadata: { timestamp: this.time, version, schemaVersion: 1 },
    };
  }

  opened(accountId: string, initialBalance: number, at?: number): StoredEvent {
    return this.event(accountId, 'AccountOpened', { initialBalance }, { at });
  }

  deposited(accountId: string, amount: number, at?: number, transferId?: string): StoredEvent {
    return this.event(accountId, 'MoneyDeposited', transferId === undefined ? { amount } : { amount, transferId }, { at });
  }

  withdrawn(accountId: string, amount: number, at?: number, transferId?: string): StoredEvent {
    return this.event(accountId, 'MoneyWithdrawn', transferId === undefined ? { amount } : { amount, transferId }, { at });
  }

  closed(accountId: string, at?: number): StoredEvent {
    return this.event(accountId, 'AccountClosed', {}, { at });
  }

  /**
   * The history the projection specs cut into every batching: two accounts whose events interleave,
   * money down to the cent, and one account emptied and closed. `at` gives the events' times in order
   * (the rest follow a second apart).
   */
  twoAccountHistory(at: readonly number[] = []): StoredEvent[] {
    return [
      this.opened('acc-a', 1000, at[0]),
      this.opened('acc-b', 0, at[1]),
      this.deposited('acc-b', 0.1, at[2]),
      this.deposited('acc-a', 0.2, at[3]),
      this.deposited('acc-b', 0.2, at[4]),
      this.withdrawn('acc-a', 1000.2, at[5]),
      this.closed('acc-a', at[6]),
    ];
  }
}

/**
 * How the events are cut into batches: `undefined` one batch, a number batches of that size, an array
 * the sizes of the first batches (the rest forms a last batch).
 */
export type Batching = number | readonly number[] | undefined;

/** Cuts `events` into consecutive batches. */
export function inBatches<T>(events: readonly T[], batching: Batching): T[][] {
  const sizes = Array.isArray(batching) ? [...batching] : [];
  const size = typeof batching === 'number' ? batching : Number.POSITIVE_INFINITY;
  const valid = (n: number) => n === Number.POSITIVE_INFINITY || (Number.isInteger(n) && n >= 1);
  if (![size, ...sizes].every(valid)) {
    throw new RangeError(`batch sizes must be integers of at least 1, not ${String(batching)}`);
  }
  const batches: T[][] = [];
  let index = 0;
  while (index < events.length) {
    const next = sizes.length > 0 ? sizes.shift()! : size;
    batches.push(events.slice(index, index + next));
    index += next;
  }
  return batches;
}

/** Every table of a projection with its rows, keyed by base name. */
export type Tables = Record<string, Record<string, unknown>[]>;

/** The read model after the projection ran: its tables (generation 1) in the in-memory store. */
export class ProjectedReadModel {
  constructor(
    readonly projection: Projection,
    readonly store: InMemoryEventStore,
    readonly checkpoint: ProjectionCheckpoint,
    /** How many batches the events came in. */
    readonly batchCount: number,
  ) {}

  /** The generation-1 name of a base table (`account_balances` → `account_balances_g1`). */
  table(base: string): string {
    return tableNamer(1)(base);
  }

  /** Rows of a query on the read model (name its tables with {@link table}). */
  query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.store.queryReadModel<Row>(sql, params);
  }

  /** Every row of a base table, ordered by its first column (the primary key of every projection table). */
  rows<Row = Record<string, unknown>>(base: string): Promise<Row[]> {
    return this.query<Row>(`SELECT * FROM ${this.table(base)} ORDER BY 1`);
  }

  /** Every table of the projection with its rows: what "the same read model" compares. */
  async tables(): Promise<Tables> {
    const result: Tables = {};
    for (const base of this.projection.tables) result[base] = await this.rows(base);
    return result;
  }
}

/**
 * Given/when/then for a projection, run the way the projection runner runs it: the schema of generation 1
 * committed with a fresh checkpoint, then each batch projected (reading its own tables through the store)
 * and its statements committed with the checkpoint after the batch (compare-and-set on the one before).
 *
 * ```ts
 * const then = await projectionSpecification(new AccountBalancesProjection()).given(...events).whenProjected([2]);
 * expect(await then.rows('account_balances')).toEqual([...]);
 * ```
 */
export function projectionSpecification(projection: Projection) {
  return {
    given(...events: StoredEvent[]) {
      return {
        /** Projects the given events, cut into batches as `batching` says (default one batch). */
        whenProjected: (batching?: Batching): Promise<ProjectedReadModel> => project(projection, events, batching),
        /** The read model's tables after each batching; they must all equal the one-batch result. */
        /** Projects in every batching, expects the same tables from each, and returns them. */
        whenProjectedInEveryBatching: (): Promise<Tables> => projectInEveryBatching(projection, events),
      };
    },
  };
}

async function project(projection: Projection, events: readonly StoredEvent[], batching: Batching): Promise<ProjectedReadModel> {
  const store = new InMemoryEventStore();
  const table = tableNamer(1);
  const reader: ProjectionReader = { query: (sql, params) => store.queryReadModel(sql, params) };
  let checkpoint: ProjectionCheckpoint = { name: projection.name, position: 0, eventId: null, eventsProcessed: 0, generation: 1 };
  await store.commitProjection({ checkpoint, expectedPosition: 0, statements: projection.schema(table, store.dialect) });
  const batches = inBatches(events, batching);
  for (const batch of batches) {
    const statements = await projection.project(batch, table, reader);
    const last = batch[batch.length - 1];
    const next = { ...checkpoint, position: last.position, eventId: last.id, eventsProcessed: checkpoint.eventsProcessed + batch.length };
    await store.commitProjection({ checkpoint: next, expectedPosition: checkpoint.position, statements });
    checkpoint = next;
  }
  expect(await store.loadCheckpoint(projection.name)).toEqual(checkpoint);
  return new ProjectedReadModel(projection, store, checkpoint, batches.length);
}

/** One batch, batches of 1, 2 and 3, and every split into two batches: each must give the same tables. */
async function projectInEveryBatching(projection: Projection, events: readonly StoredEvent[]): Promise<Tables> {
  const batchings: Array<[string, Batching]> = [
    ['one batch', undefined],
    ['batches of 1', 1],
    ['batches of 2', 2],
    ['batches of 3', 3],
    ...events.slice(1).map((_, index): [string, Batching] => [`split after ${index + 1}`, [index + 1]]),
  ];
  const results: Array<{ batching: string; tables: Tables }> = [];
  for (const [name, batching] of batchings) {
    const model = await project(projection, events, batching);
    results.push({ batching: name, tables: await model.tables() });
    await model.store.close();
  }
  const [oneBatch] = results;
  for (const result of results) expect(result).toEqual({ batching: result.batching, tables: oneBatch.tables });
  return oneBatch.tables;
}
