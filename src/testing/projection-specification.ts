import assert from 'node:assert/strict';
import { InMemoryEventStore } from '../eventstore/adapters/in-memory/in-memory-event-store.js';
import type { StoredEvent } from '../eventstore/event-envelope.js';
import type { ProjectionCheckpoint } from '../eventstore/projection-checkpoint.js';
import { type Projection, type ProjectionReader, tableNamer } from '../projections/projection.js';
import { type Batching, inBatches } from './batching.js';
import { ProjectedReadModel, type Tables } from './projected-read-model.js';

/**
 * Given/when/then for a projection, run the way the projection runner runs it, on an in-memory store: the
 * schema of generation 1 committed with a fresh checkpoint, then each batch projected (reading its own
 * tables through the store) and its statements committed with the checkpoint after the batch
 * (compare-and-set on the one before). Framework-neutral (assertions from `node:assert`).
 *
 * ```ts
 * const events = new StoredEventFactory({ aggregateType: 'Order' });
 * const given = projectionSpecification(new OrderTotalsProjection()).given(events.event('o-1', 'OrderPlaced', {...}));
 * const model = await given.whenProjected([1]);              // batches of 1, then the rest
 * expect(await model.rows('order_totals')).toEqual([...]);
 * const tables = await given.whenProjectedInEveryBatching(); // the same tables from every batching
 * ```
 */
export function projectionSpecification(projection: Projection) {
  return {
    /** The events of the log the projection reads, in position order. */
    given(...events: StoredEvent[]) {
      return {
        /** Projects the given events, cut into batches as `batching` says (default one batch). */
        whenProjected: (batching?: Batching): Promise<ProjectedReadModel> => project(projection, events, batching),
        /**
         * Projects in every batching (one batch; batches of 1, 2 and 3; every split into two), asserts
         * they all give the tables of the one-batch run, and returns those.
         */
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
  assert.deepStrictEqual(await store.loadCheckpoint(projection.name), checkpoint);
  return new ProjectedReadModel(projection, store, checkpoint, batches.length);
}

async function projectInEveryBatching(projection: Projection, events: readonly StoredEvent[]): Promise<Tables> {
  const batchings: Array<[string, Batching]> = [
    ['one batch', undefined],
    ['batches of 1', 1],
    ['batches of 2', 2],
    ['batches of 3', 3],
    ...events.slice(1).map((_, index): [string, Batching] => [`split after ${index + 1}`, [index + 1]]),
  ];
  let oneBatch: Tables | undefined;
  for (const [name, batching] of batchings) {
    const model = await project(projection, events, batching);
    const tables = await model.tables();
    await model.store.close();
    oneBatch ??= tables;
    assert.deepStrictEqual(tables, oneBatch, `${projection.name}: ${name} gave other tables than one batch`);
  }
  return oneBatch as Tables;
}
