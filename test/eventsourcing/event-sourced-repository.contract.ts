import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src/common/clock/clock.js';
import { ConcurrencyRetriesExhaustedError } from '../../src/eventsourcing/concurrency-retries-exhausted.error.js';
import type { DomainEvent } from '../../src/eventsourcing/domain-event.js';
import {
  type EventPublisher,
  EventSourcedRepository,
  type EventSourcedRepositoryOptions,
} from '../../src/eventsourcing/event-sourced-repository.js';
import { IdempotencyFingerprintMismatchError } from '../../src/eventsourcing/idempotency-fingerprint-mismatch.error.js';
import { UnknownEventTypeError } from '../../src/eventsourcing/unknown-event-type.error.js';
import { IdempotencyKeyTakenError, WrongExpectedVersionError } from '../../src/eventstore/event-store.errors.js';
import type { EventStore } from '../../src/eventstore/event-store.port.js';
import type { EventStoreContractHarness } from '../eventstore/event-store.contract.js';
import { Ticket, TICKET, TicketClosedError, TicketNoted, TicketOpened } from './ticket.js';

const T0 = Date.UTC(2024, 0, 1);

/** A clock that moves one second per reading, so every decision has its own time. */
class SteppingClock implements Clock {
  private time = T0;
  now(): number {
    this.time += 1000;
    return this.time;
  }
}

/** Remembers what was published, refusing events the store has not committed yet. */
class RecordingPublisher implements EventPublisher {
  readonly published: DomainEvent[] = [];
  constructor(private readonly committedEvents: () => number) {}
  publishAll(events: DomainEvent[]): void {
    if (this.committedEvents() < this.published.length + events.length) throw new Error('published before the commit');
    this.published.push(...events);
  }
}

const open = (title = 'printer on fire') => (current: Ticket | null, now: number) => {
  if (current) throw new Error('exists');
  return Ticket.open('t-1', title, now);
};
const note = (text: string) => (current: Ticket | null, now: number) => {
  if (!current) throw new Error('no ticket');
  current.note(text, now);
  return current;
};

/**
 * The generic repository's guarantees, run on every event-store adapter: loads from snapshots, saves with
 * the loaded version as the expected one, retries conflicts a bounded number of times, takes snapshots
 * every N events, publishes after the commit, and honours idempotency keys.
 */
export function describeEventSourcedRepositoryContract(adapter: string, harness: EventStoreContractHarness): void {
  describe(`EventSourcedRepository on ${adapter}`, () => {
    let store: EventStore;
    const repository = (options: EventSourcedRepositoryOptions = {}, publisher: EventPublisher | null = null) =>
      new EventSourcedRepository<Ticket>(store, publisher, TICKET, { clock: new SteppingClock(), ...options });

    beforeEach(async () => {
      store = await harness.create();
    });
    afterEach(async () => {
      await store.close();
    });

    it('given no events, load is null; given events, load rebuilds the aggregate at its version', async () => {
      const tickets = repository();
      expect(await tickets.load('t-1')).toBeNull();
      await tickets.execute('t-1', open());
      await tickets.execute('t-1', note('smoke'));
      const ticket = await tickets.load('t-1');
      expect(ticket?.version).toBe(2);
      expect(ticket?.persistedVersion).toBe(2);
      expect(ticket?.snapshotState()).toEqual({ title: 'printer on fire', notes: 1, closed: false });
      const stored = await store.readStream('ticket-t-1');
      expect(stored.map((event) => [event.aggregateType, event.eventType, event.metadata.version])).toEqual([
        ['Ticket', 'TicketOpened', 1],
        ['Ticket', 'TicketNoted', 2],
      ]);
      expect((await tickets.load('t-1', { atVersion: 1 }))?.snapshotState()).toEqual({ title: 'printer on fire', notes: 0, closed: false });
    });

    it('save appends with the loaded version as expected version: a copy loaded before another write is refused, nothing written', async () => {
      const tickets = repository();
      await tickets.execute('t-1', open());
      const first = (await tickets.load('t-1'))!;
      const second = (await tickets.load('t-1'))!;
      first.note('one', T0);
      await tickets.save(first);
      second.note('two', T0);
      await expect(tickets.save(second)).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect((await store.readStream('ticket-t-1')).map((event) => event.data)).toEqual([{ title: 'printer on fire' }, { note: 'one' }]);
      expect(first.persistedVersion).toBe(2);
      expect(first.getUncommittedEvents()).toEqual([]);
    });

    it('execute retries a conflict with another writer on a fresh load: concurrent writers lose no update', async () => {
      const [a, b] = [repository(), repository()];
      await a.execute('t-1', open());
      const writes = Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? a : b).execute('t-1', note(`n${index}`)));
      const outcomes = await Promise.all(writes);
      expect(new Set(outcomes.map((outcome) => outcome.version)).size).toBe(20);
      const ticket = await a.load('t-1');
      expect(ticket?.version).toBe(21);
      expect(ticket?.snapshotState().notes).toBe(20);
    });

    it('execute with expectedVersion refuses a moved aggregate with WrongExpectedVersionError and appends nothing', async () => {
      const tickets = repository();
      await tickets.execute('t-1', open());
      await tickets.execute('t-1', note('a'));
      await expect(tickets.execute('t-1', note('b'), { expectedVersion: 1 })).rejects.toMatchObject({
        name: 'WrongExpectedVersionError',
        expectedVersion: 1,
        currentVersion: 2,
      });
      expect(await store.headPosition()).toBe(2);
      expect((await tickets.execute('t-1', note('c'), { expectedVersion: 2 })).version).toBe(3);
    });

    it('execute gives up after maxAttempts conflicts with ConcurrencyRetriesExhaustedError, its events unwritten', async () => {
      const tickets = repository({ maxAttempts: 3 });
      const intruder = repository();
      await tickets.execute('t-1', open());
      let decisions = 0;
      const racing = (current: Ticket | null, now: number) => {
        decisions += 1;
        current!.note('mine', now);
        return current!;
      };
      // Another writer appends between every load and append of this command.
      const append = store.append.bind(store);
      store.append = async (request) => {
        if (request.events.some((event) => event.data.note === 'mine')) await intruder.execute('t-1', note('theirs'));
        return append(request);
      };
      await expect(tickets.execute('t-1', racing)).rejects.toBeInstanceOf(ConcurrencyRetriesExhaustedError);
      expect(decisions).toBe(3);
      expect((await store.readStream('ticket-t-1')).map((event) => event.data.note ?? null)).toEqual([null, 'theirs', 'theirs', 'theirs']);
    });

    it('snapshots every N events in the append, and loads from the newest one plus the events after it', async () => {
      const tickets = repository({ snapshotEvery: 3 });
      await tickets.execute('t-1', open());
      for (let index = 1; index <= 6; index++) await tickets.execute('t-1', note(`n${index}`));
      expect((await store.loadSnapshot('ticket-t-1'))?.version).toBe(6);
      expect((await store.loadSnapshot('ticket-t-1', 5))?.version).toBe(3);
      expect(await store.countSnapshots()).toBe(2);
      expect(await store.loadSnapshot('ticket-t-1')).toMatchObject({ aggregateType: 'Ticket', schemaVersion: 1, state: { notes: 5 } });

      const reads: Array<number | undefined> = [];
      const readStream = store.readStream.bind(store);
      store.readStream = (streamId, options) => {
        reads.push(options?.fromVersion);
        return readStream(streamId, options);
      };
      const ticket = await tickets.load('t-1');
      expect(reads).toEqual([7]);
      expect(ticket?.version).toBe(7);
      expect(ticket?.snapshotState().notes).toBe(6);
    });

    it('ignores a snapshot of another state schema and rebuilds from the events', async () => {
      const tickets = repository({ snapshotEvery: 0 });
      await tickets.execute('t-1', open());
      await tickets.execute('t-1', note('real'));
      await store.saveSnapshot({ aggregateId: 'ticket-t-1', aggregateType: 'Ticket', version: 2, state: { bogus: true }, timestamp: T0, schemaVersion: 99 });
      expect((await tickets.load('t-1'))?.snapshotState()).toEqual({ title: 'printer on fire', notes: 1, closed: false });
      expect(await store.countSnapshots()).toBe(1);
    });

    it('publishes the events only after their commit, and nothing for a refused append', async () => {
      let committed = 0;
      const append = store.append.bind(store);
      store.append = async (request) => {
        const result = await append(request);
        committed += request.events.length;
        return result;
      };
      const publisher = new RecordingPublisher(() => committed);
      const tickets = repository({}, publisher);
      await tickets.execute('t-1', open());
      const stale = (await tickets.load('t-1'))!;
      await tickets.execute('t-1', note('kept'));
      stale.note('lost', T0);
      await expect(tickets.save(stale)).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(publisher.published).toEqual([new TicketOpened('t-1', 'printer on fire', T0 + 1000), new TicketNoted('t-1', 'kept', T0 + 2000)]);
    });

    it('an idempotency key runs the command once: a repeat, also concurrent, gets the first outcome and appends nothing', async () => {
      const [a, b] = [repository(), repository()];
      await a.execute('t-1', open());
      const idempotency = { key: `k-${randomUUID()}`, fingerprint: 'note:smoke' };
      const outcomes = await Promise.all([a, b, a, b, a].map((tickets) => tickets.execute('t-1', note('smoke'), { idempotency })));
      const first = outcomes.find((outcome) => !outcome.replayed)!;
      expect(outcomes.filter((outcome) => !outcome.replayed)).toHaveLength(1);
      for (const outcome of outcomes) {
        expect({ version: outcome.version, position: outcome.position, eventIds: outcome.eventIds }).toEqual({
          version: 2,
          position: first.position,
          eventIds: first.eventIds,
        });
      }
      expect(await store.headPosition()).toBe(2);
      await expect(a.execute('t-1', note('other'), { idempotency: { ...idempotency, fingerprint: 'note:other' } })).rejects.toBeInstanceOf(
        IdempotencyFingerprintMismatchError,
      );
      expect(await store.headPosition()).toBe(2);
    });

    it('an idempotency record kept for the caller: written with the events, a repeat refused with IdempotencyKeyTakenError', async () => {
      const tickets = repository();
      await tickets.execute('t-1', open());
      const idempotency = { key: 'http-key', fingerprint: 'fp', record: { statusCode: 201, body: (ticket: Ticket) => ({ notes: ticket.snapshotState().notes }) } };
      await tickets.execute('t-1', note('once'), { idempotency });
      expect(await store.findIdempotencyRecord('http-key')).toMatchObject({ statusCode: 201, body: { notes: 1 }, fingerprint: 'fp' });
      await expect(tickets.execute('t-1', note('once'), { idempotency })).rejects.toBeInstanceOf(IdempotencyKeyTakenError);
      expect(await store.headPosition()).toBe(2);
    });

    it('a cached state that another writer made stale is decided again on the store: its refusals and its conflicts', async () => {
      const cached = repository({ cachedAggregates: 100 });
      const other = repository();
      await cached.execute('t-1', open());
      await cached.execute('t-1', (ticket, now) => (ticket!.close(now), ticket!));
      // The cache holds the ticket closed; another writer reopens it.
      await other.execute('t-1', (ticket, now) => (ticket!.reopen(now), ticket!));
      expect((await cached.execute('t-1', note('after reopening'))).version).toBe(4);
      // Now the cache holds it open; another writer closes it: the cached decision conflicts, the store's refuses.
      await other.execute('t-1', (ticket, now) => (ticket!.close(now), ticket!));
      await expect(cached.execute('t-1', note('too late'))).rejects.toBeInstanceOf(TicketClosedError);
      expect(await store.headPosition()).toBe(5);
    });

    it('a decision that applies nothing appends nothing', async () => {
      const tickets = repository();
      await tickets.execute('t-1', open());
      await tickets.execute('t-1', (ticket, now) => (ticket!.close(now), ticket!));
      const outcome = await tickets.execute('t-1', (ticket, now) => (ticket!.close(now), ticket!));
      expect(outcome).toMatchObject({ version: 2, position: 0, eventIds: [], replayed: false });
      expect(await store.headPosition()).toBe(2);
    });

    it('a stored event its registry does not know fails the load with UnknownEventTypeError', async () => {
      const tickets = repository();
      await tickets.execute('t-1', open());
      await store.append({
        streamId: 'ticket-t-1',
        streamType: 'Ticket',
        expectedVersion: 1,
        events: [{ id: randomUUID(), eventType: 'TicketEscalated', data: {}, schemaVersion: 1, timestamp: T0 }],
      });
      await expect(tickets.load('t-1')).rejects.toBeInstanceOf(UnknownEventTypeError);
    });
  });
}
