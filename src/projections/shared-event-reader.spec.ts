import { randomUUID } from 'node:crypto';
import { InMemoryEventStore } from '../eventstore/adapters/in-memory/in-memory-event-store.js';
import type { ReadAllOptions } from '../eventstore/event-store.port.js';
import { SharedEventReader } from './shared-event-reader.js';

/** A store with `count` events on one stream that counts the reads of the global log. */
async function storeWith(count: number) {
  const store = new InMemoryEventStore();
  await store.append({
    streamId: 'acc-1',
    streamType: 'BankAccount',
    expectedVersion: 0,
    events: Array.from({ length: count }, (_, index) => ({
      id: randomUUID(),
      eventType: 'MoneyDeposited',
      data: { amount: index + 1 },
      schemaVersion: 1,
      timestamp: index,
    })),
  });
  const reads: ReadAllOptions[] = [];
  const readAll = store.readAll.bind(store);
  store.readAll = (options) => {
    reads.push(options);
    return readAll(options);
  };
  return { store, reads };
}

const positions = (events: readonly { position: number }[]) => events.map((event) => event.position);

describe('SharedEventReader', () => {
  it('answers workers at the same position with one read', async () => {
    const { store, reads } = await storeWith(5);
    const log = new SharedEventReader(store);
    expect(positions(await log.read(0, 100))).toEqual([1, 2, 3, 4, 5]);
    expect(positions(await log.read(0, 100))).toEqual([1, 2, 3, 4, 5]);
    expect(reads).toHaveLength(1);
    await store.close();
  });

  it('answers a position inside the last page from it, up to the limit', async () => {
    const { store, reads } = await storeWith(10);
    const log = new SharedEventReader(store);
    await log.read(0, 100);
    expect(positions(await log.read(3, 100))).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(positions(await log.read(3, 2))).toEqual([4, 5]);
    expect(reads).toHaveLength(1);
    await store.close();
  });

  it('reads the store again past the end of the last page', async () => {
    const { store, reads } = await storeWith(10);
    const log = new SharedEventReader(store);
    expect(positions(await log.read(0, 4))).toEqual([1, 2, 3, 4]);
    expect(positions(await log.read(4, 4))).toEqual([5, 6, 7, 8]);
    expect(positions(await log.read(8, 4))).toEqual([9, 10]);
    expect(await log.read(10, 4)).toEqual([]);
    expect(reads.map((read) => read.after)).toEqual([0, 4, 8, 10]);
    await store.close();
  });

  it('lets concurrent identical reads share one query', async () => {
    const { store, reads } = await storeWith(3);
    const log = new SharedEventReader(store);
    const pages = await Promise.all([log.read(0, 10), log.read(0, 10), log.read(0, 10)]);
    expect(pages.map(positions)).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(reads).toHaveLength(1);
    await store.close();
  });
});
