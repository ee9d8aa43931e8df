import { StreamNames } from '../stream-names.js';
import { randomUUID } from 'node:crypto';
import { LEGACY_ACCOUNT_EVENT_UPCASTERS } from '../../accounts/domain/events/legacy-account-event.upcasters.js';
import { InMemoryEventStore } from '../adapters/in-memory/in-memory-event-store.js';
import type { StoredEvent } from '../event-envelope.js';
import type { EventUpcaster } from './event-upcaster.js';
import { EventUpcasters } from './event-upcasters.js';
import { UpcastingEventStore } from './upcasting-event-store.js';

const event = (eventType: string, schemaVersion: number, data: Record<string, unknown>) => ({
  id: randomUUID(),
  eventType,
  data,
  schemaVersion,
  timestamp: 1_700_000_000_000,
});

/** An older release's log: one account with current and legacy events, in the adapter as written. */
async function storeWithLegacyEvents() {
  const adapter = new InMemoryEventStore();
  await adapter.append({
    streamId: 'acc-old',
    streamType: 'BankAccount',
    expectedVersion: 0,
    events: [
      event('AccountOpened', 1, { initialBalance: 0 }),
      event('FundsDeposited', 1, { amountCents: 50000 }),
      event('FundsWithdrawn', 1, { amountCents: 20000 }),
      event('MoneyDeposited', 1, { amount: 1.5 }),
    ],
  });
  const upcasters = new EventUpcasters();
  upcasters.register(...LEGACY_ACCOUNT_EVENT_UPCASTERS);
  return { adapter, store: new UpcastingEventStore(adapter, upcasters, new StreamNames()) };
}

const shapes = (events: StoredEvent[]) =>
  events.map((stored) => [stored.eventType, stored.metadata.schemaVersion, stored.data, stored.metadata.version]);

describe('UpcastingEventStore', () => {
  it('given legacy FundsDeposited/FundsWithdrawn, when a stream is read, then they come back as MoneyDeposited/MoneyWithdrawn', async () => {
    const { adapter, store } = await storeWithLegacyEvents();
    expect(shapes(await store.readStream('acc-old'))).toEqual([
      ['AccountOpened', 1, { initialBalance: 0 }, 1],
      ['MoneyDeposited', 1, { amount: 500 }, 2],
      ['MoneyWithdrawn', 1, { amount: 200 }, 3],
      ['MoneyDeposited', 1, { amount: 1.5 }, 4],
    ]);
    // The log itself is unchanged.
    expect((await adapter.readStream('acc-old')).map((stored) => stored.eventType)).toEqual([
      'AccountOpened',
      'FundsDeposited',
      'FundsWithdrawn',
      'MoneyDeposited',
    ]);
  });

  it('upcasts every page of the global log, keeping ids, positions and metadata', async () => {
    const { adapter, store } = await storeWithLegacyEvents();
    const [raw, lifted] = [await adapter.readAll({ limit: 10 }), await store.readAll({ limit: 10 })];
    expect(lifted.map(({ id, position, aggregateId, metadata: { timestamp, version } }) => [id, position, aggregateId, timestamp, version])).toEqual(
      raw.map(({ id, position, aggregateId, metadata: { timestamp, version } }) => [id, position, aggregateId, timestamp, version]),
    );
    expect(lifted.map((stored) => stored.eventType)).toEqual(['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'MoneyDeposited']);
  });

  it('filters by current types: MoneyDeposited includes the legacy deposits, a renamed type matches nothing', async () => {
    const { store } = await storeWithLegacyEvents();
    const deposits = await store.readAll({ limit: 10, eventTypes: ['MoneyDeposited'] });
    expect(deposits.map((stored) => [stored.position, stored.data])).toEqual([
      [2, { amount: 500 }],
      [4, { amount: 1.5 }],
    ]);
    expect(await store.readAll({ limit: 10, eventTypes: ['FundsDeposited'] })).toEqual([]);
    expect((await store.readAll({ limit: 10, eventTypes: ['FundsWithdrawn', 'AccountOpened'] })).map((stored) => stored.eventType)).toEqual([
      'AccountOpened',
    ]);
    expect((await store.readAll({ limit: 1, after: 2, eventTypes: ['MoneyWithdrawn'] })).map((stored) => stored.data)).toEqual([{ amount: 200 }]);
  });

  it('returns current events as they are, without copying them', async () => {
    const adapter = new InMemoryEventStore();
    await adapter.append({ streamId: 's', streamType: 'T', expectedVersion: 0, events: [event('MoneyDeposited', 1, { amount: 1 })] });
    const upcasters = new EventUpcasters();
    upcasters.register(...LEGACY_ACCOUNT_EVENT_UPCASTERS);
    const events = await adapter.readStream('s');
    expect(upcasters.upcastAll(events)).toBe(events);
  });
});

describe('EventUpcasters', () => {
  const step = (from: [string, number], to: [string, number], upcast: EventUpcaster['upcast']): EventUpcaster => ({
    from: { eventType: from[0], schemaVersion: from[1] },
    to: { eventType: to[0], schemaVersion: to[1] },
    upcast,
  });
  const stored = (eventType: string, schemaVersion: number, data: Record<string, unknown>): StoredEvent => ({
    id: 'e-1',
    position: 7,
    aggregateId: 'a',
    aggregateType: 'T',
    eventType,
    data,
    metadata: { timestamp: 1, version: 3, schemaVersion, correlationId: 'c' },
  });

  it('chains upcasters: schema 1 → 2 → a renamed type at schema 3', () => {
    const upcasters = new EventUpcasters();
    upcasters.register(
      step(['Paid', 1], ['Paid', 2], (data) => ({ cents: data.amount })),
      step(['Paid', 2], ['PaymentMade', 3], (data) => ({ ...data, currency: 'EUR' })),
    );
    expect(upcasters.upcast(stored('Paid', 1, { amount: 5 }))).toEqual({
      ...stored('PaymentMade', 3, { cents: 5, currency: 'EUR' }),
    });
    expect(upcasters.upcast(stored('Paid', 2, { cents: 9 })).data).toEqual({ cents: 9, currency: 'EUR' });
    expect(upcasters.storedTypesOf(['PaymentMade']).sort()).toEqual(['Paid', 'PaymentMade']);
  });

  it('refuses a second upcaster for one shape, and a loop, and accepts the same upcaster twice', () => {
    const upcasters = new EventUpcasters();
    const first = step(['A', 1], ['B', 1], (data) => data);
    upcasters.register(first);
    upcasters.register(first);
    expect(() => upcasters.register(step(['A', 1], ['C', 1], (data) => data))).toThrow('already registered');
    expect(() => upcasters.register(step(['B', 1], ['A', 1], (data) => data))).toThrow('loop');
    // The refused upcaster is not left behind.
    expect(upcasters.upcast(stored('B', 1, { x: 1 })).eventType).toBe('B');
  });
});
