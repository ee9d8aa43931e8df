import { randomUUID } from 'node:crypto';
import { type AppendRequest, type AppendResult, NO_STREAM, type PendingIdempotencyRecord } from '../../src/eventstore/append.js';
import type { NewEvent } from '../../src/eventstore/event-envelope.js';
import {
  DuplicateEventIdError,
  IdempotencyKeyTakenError,
  ProjectionCheckpointConflictError,
  WrongExpectedVersionError,
} from '../../src/eventstore/event-store.errors.js';
import type { EventStore } from '../../src/eventstore/event-store.port.js';
import type { IdempotencyRecord } from '../../src/eventstore/idempotency-record.js';
import type { ProjectionCheckpoint, SqlStatement } from '../../src/eventstore/projection-checkpoint.js';
import type { Snapshot } from '../../src/eventstore/snapshot.js';

/** What the contract needs from one adapter: a way to make a fresh, empty store. */
export interface EventStoreContractHarness {
  /** A fresh, empty store; the suite closes it after each test. */
  create(): Promise<EventStore>;
}

/** A fixed clock origin: the suite never reads the wall clock, so every run sees the same timestamps. */
const T0 = Date.UTC(2024, 0, 1);

function newEvent(eventType: string, data: Record<string, unknown>, extra: Partial<NewEvent> = {}): NewEvent {
  return { id: randomUUID(), eventType, data, schemaVersion: 1, timestamp: T0, ...extra };
}

function deposits(count: number, from = 1): NewEvent[] {
  return Array.from({ length: count }, (_, index) =>
    newEvent('MoneyDeposited', { amount: (from + index) * 100 }, { timestamp: T0 + (from + index) * 1000 }),
  );
}

function request(streamId: string, expectedVersion: number, events: NewEvent[], extra: Partial<AppendRequest> = {}): AppendRequest {
  return { streamId, streamType: 'BankAccount', expectedVersion, events, ...extra };
}

function idempotencyRecord(key: string): IdempotencyRecord {
  return { key, fingerprint: `fp-${key}`, statusCode: 201, body: { accountId: 'acc-1', nested: { ok: true } }, createdAt: T0 };
}

/** The record an append carries: its body is computed from the append's outcome. */
function pendingIdempotency(key: string, extra: Partial<PendingIdempotencyRecord> = {}): PendingIdempotencyRecord {
  return {
    key,
    fingerprint: `fp-${key}`,
    statusCode: 201,
    body: (result) => ({ accountId: 'acc-1', version: result.version, position: result.position }),
    createdAt: T0,
    ...extra,
  };
}

function snapshot(aggregateId: string, version: number, state: Record<string, unknown> = { balance: version * 100 }): Snapshot {
  return { aggregateId, aggregateType: 'BankAccount', version, state, timestamp: T0 + version, schemaVersion: 1 };
}

function checkpoint(name: string, position: number): ProjectionCheckpoint {
  return { name, position, eventId: `evt-${position}`, eventsProcessed: position, generation: 1 };
}

/** The rejection of `promise`; fails the test when it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** Read-model statements in the SQL every adapter accepts: create the table, then upsert `rows`. */
function upsertRows(rows: Array<[key: string, value: string]>): SqlStatement[] {
  return [
    { sql: 'CREATE TABLE IF NOT EXISTS contract_rows (key TEXT PRIMARY KEY, value TEXT NOT NULL)' },
    ...rows.map(([key, value]) => ({
      sql: 'INSERT INTO contract_rows (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      params: [key, value],
    })),
  ];
}

async function readRow(store: EventStore, key: string): Promise<string | undefined> {
  try {
    const rows = await store.queryReadModel<{ value: string }>('SELECT value FROM contract_rows WHERE key = ?', [key]);
    return rows[0]?.value;
  } catch {
    return undefined; // the table does not exist: nothing was ever committed
  }
}

function isStrictlyIncreasing(values: number[]): boolean {
  return values.every((value, index) => index === 0 || value > values[index - 1]);
}

/** The event-store port's conformance suite: every adapter runs it unchanged (see `event-store.port.ts`). */
export function describeEventStoreContract(name: string, harness: EventStoreContractHarness): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;

    beforeEach(async () => {
      store = await harness.create();
    });

    afterEach(async () => {
      await store.close();
    });

    describe('append', () => {
      it('given a new stream, when appending with NO_STREAM, then events get versions 1..n and increasing positions', async () => {
        // given
        const events = deposits(3);

        // when
        const result = await store.append(request('acc-1', NO_STREAM, events));

        // then
        expect(result.version).toBe(3);
        expect(result.events.map((event) => event.metadata.version)).toEqual([1, 2, 3]);
        expect(result.events.map((event) => event.id)).toEqual(events.map((event) => event.id));
        expect(isStrictlyIncreasing(result.events.map((event) => event.position))).toBe(true);
        expect(result.events[0].position).toBeGreaterThan(0);
        expect(result.position).toBe(result.events[2].position);
        expect(await store.headPosition()).toBe(result.position);
        expect(await store.streamInfo('acc-1')).toStrictEqual({ streamId: 'acc-1', streamType: 'BankAccount', version: 3 });
      });

      it('given an event with correlation and causation ids, when stored and read, then the StoredEvent carries every field', async () => {
        // given
        const event = newEvent('AccountOpened', { owner: 'Ada', limits: { daily: 500 } }, {
          schemaVersion: 2,
          timestamp: T0 + 42,
          correlationId: 'corr-1',
          causationId: 'cmd-1',
        });

        // when
        const result = await store.append(request('acc-1', NO_STREAM, [event]));
        const [read] = await store.readStream('acc-1');

        // then
        const expected = {
          id: event.id,
          position: result.position,
          aggregateId: 'acc-1',
          aggregateType: 'BankAccount',
          eventType: 'AccountOpened',
          data: { owner: 'Ada', limits: { daily: 500 } },
          metadata: { timestamp: T0 + 42, version: 1, schemaVersion: 2, correlationId: 'corr-1', causationId: 'cmd-1' },
        };
        expect(result.events).toStrictEqual([expected]);
        expect(read).toStrictEqual(expected);
      });

      it('given an event without correlation and causation ids, when read, then its metadata has no such keys', async () => {
        // given
        await store.append(request('acc-1', NO_STREAM, [newEvent('AccountOpened', { owner: 'Ada' })]));

        // when
        const [read] = await store.readStream('acc-1');

        // then
        expect(read.metadata).toStrictEqual({ timestamp: T0, version: 1, schemaVersion: 1 });
        expect(Object.keys(read.metadata)).not.toContain('correlationId');
        expect(Object.keys(read.metadata)).not.toContain('causationId');
      });

      it('given a stream at version 2, when appending with expectedVersion 2, then the batch continues at version 3', async () => {
        // given
        const first = await store.append(request('acc-1', NO_STREAM, deposits(2)));

        // when
        const second = await store.append(request('acc-1', 2, deposits(2, 3)));

        // then
        expect(second.version).toBe(4);
        expect(second.events.map((event) => event.metadata.version)).toEqual([3, 4]);
        expect(second.events[0].position).toBeGreaterThan(first.position);
        expect((await store.readStream('acc-1')).map((event) => event.metadata.version)).toEqual([1, 2, 3, 4]);
      });

      it('given any store, when appending an empty batch, then it rejects and writes nothing', async () => {
        // when
        const error = await rejectionOf(store.append(request('acc-1', NO_STREAM, [])));

        // then
        expect(error).toBeInstanceOf(RangeError);
        expect(await store.streamInfo('acc-1')).toBeNull();
        expect(await store.headPosition()).toBe(0);
      });
    });

    describe('event ids', () => {
      it.each<[string, boolean]>([
        ['on another stream', false],
        ['twice in one batch', true],
      ])('given an event id already used %s, when appending it again, then DuplicateEventIdError and nothing of the batch is written', async (_case, inOneBatch) => {
        // given
        const [first] = deposits(1);
        if (!inOneBatch) await store.append(request('acc-1', NO_STREAM, [first]));
        const headBefore = await store.headPosition();

        // when
        const batch = inOneBatch ? [first, ...deposits(1, 2), { ...first }] : [...deposits(1, 2), { ...first }];
        const error = await rejectionOf(
          store.append(request('acc-2', NO_STREAM, batch, { idempotency: pendingIdempotency('key-dup'), snapshot: snapshot('acc-2', 2) })),
        );

        // then
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(error).toMatchObject({ streamId: 'acc-2', eventId: first.id });
        expect(await store.headPosition()).toBe(headBefore);
        expect(await store.streamInfo('acc-2')).toBeNull();
        expect(await store.findIdempotencyRecord('key-dup')).toBeNull();
        expect(await store.loadSnapshot('acc-2')).toBeNull();
      });
    });

    describe('locateEvents', () => {
      it('given stored events, when locating some ids, then the stored ones come back with their stream and version', async () => {
        // given
        const first = deposits(3);
        const second = deposits(1, 4);
        await store.append(request('acc-1', NO_STREAM, first));
        await store.append(request('acc-2', NO_STREAM, second));

        // when
        const found = await store.locateEvents([randomUUID(), first[2].id, "it's-not-a-uuid", second[0].id, first[0].id]);

        // then
        expect([...found].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
          [
            { id: first[0].id, streamId: 'acc-1', version: 1 },
            { id: first[2].id, streamId: 'acc-1', version: 3 },
            { id: second[0].id, streamId: 'acc-2', version: 1 },
          ].sort((a, b) => a.id.localeCompare(b.id)),
        );
        expect(await store.locateEvents([])).toEqual([]);
      });
    });

    describe('appendInOrder', () => {
      it('given several appends, when appended in order, then positions follow their order, a later one continues an earlier one, and refusals stop nothing else', async () => {
        // given
        await store.append(request('acc-3', NO_STREAM, deposits(1)));
        const [reused] = deposits(1, 9);
        await store.append(request('acc-4', NO_STREAM, [reused]));

        // when
        const outcomes = await store.appendInOrder([
          request('acc-1', NO_STREAM, deposits(2)),
          request('acc-2', NO_STREAM, deposits(1)),
          request('acc-3', NO_STREAM, deposits(1, 5)),
          request('acc-1', 2, deposits(1, 3)),
          request('acc-5', NO_STREAM, [{ ...reused }]),
          request('acc-2', 1, deposits(2, 2), { idempotency: pendingIdempotency('key-in-order') }),
        ]);

        // then
        expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
        const [first, second, conflict, third, duplicate, fourth] = outcomes;
        expect((conflict as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
        expect((conflict as PromiseRejectedResult).reason).toMatchObject({ streamId: 'acc-3', currentVersion: 1 });
        expect((duplicate as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
        const results = [first, second, third, fourth].map((outcome) => (outcome as PromiseFulfilledResult<AppendResult>).value);
        expect(results.map((result) => result.version)).toEqual([2, 1, 3, 3]);
        expect(isStrictlyIncreasing(results.map((result) => result.position))).toBe(true);
        const log = await store.readAll({ after: 2, limit: 100 });
        expect(log.map((event) => `${event.aggregateId}@${event.metadata.version}`)).toEqual(['acc-1@1', 'acc-1@2', 'acc-2@1', 'acc-1@3', 'acc-2@2', 'acc-2@3']);
        expect(await store.streamInfo('acc-3')).toMatchObject({ version: 1 });
        expect(await store.streamInfo('acc-5')).toBeNull();
        expect(await store.findIdempotencyRecord('key-in-order')).toMatchObject({ body: { version: 3, position: results[3].position } });
      });
    });

    describe('optimistic concurrency', () => {
      it.each<[string, number]>([
        ['lower than the current version', 1],
        ['higher than the current version', 3],
        ['NO_STREAM on an existing stream', NO_STREAM],
      ])('given a stream at version 2, when appending with an expected version %s, then WrongExpectedVersionError and nothing is written', async (_case, expectedVersion) => {
        // given
        await store.append(request('acc-1', NO_STREAM, deposits(2)));
        const headBefore = await store.headPosition();
        const streamBefore = await store.readStream('acc-1');

        // when
        const error = await rejectionOf(
          store.append(request('acc-1', expectedVersion, deposits(2, 3), {
            idempotency: pendingIdempotency('key-conflict'),
            snapshot: snapshot('acc-1', 4),
          })),
        );

        // then
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ streamId: 'acc-1', expectedVersion, currentVersion: 2 });
        expect(await store.headPosition()).toBe(headBefore);
        expect(await store.readStream('acc-1')).toStrictEqual(streamBefore);
        expect(await store.streamInfo('acc-1')).toMatchObject({ version: 2 });
        expect(await store.findIdempotencyRecord('key-conflict')).toBeNull();
        expect(await store.loadSnapshot('acc-1')).toBeNull();
      });

      it('given no stream, when appending with expectedVersion 1, then WrongExpectedVersionError with currentVersion 0', async () => {
        // when
        const error = await rejectionOf(store.append(request('acc-1', 1, deposits(1))));

        // then
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ streamId: 'acc-1', expectedVersion: 1, currentVersion: 0 });
        expect(await store.streamInfo('acc-1')).toBeNull();
        expect(await store.headPosition()).toBe(0);
      });

      it('given a stream at version 1, when 20 writers append concurrently expecting version 1, then exactly one wins', async () => {
        // given
        await store.append(request('acc-1', NO_STREAM, deposits(1)));
        const writers = 20;

        // when
        const outcomes = await Promise.allSettled(
          Array.from({ length: writers }, (_, index) =>
            store.append(request('acc-1', 1, [newEvent('MoneyWithdrawn', { writer: index })])),
          ),
        );

        // then
        const fulfilled = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const rejected = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(writers - 1);
        for (const outcome of rejected) {
          expect(outcome.reason).toBeInstanceOf(WrongExpectedVersionError);
          expect(outcome.reason).toMatchObject({ expectedVersion: 1, currentVersion: 2 });
        }
        const stream = await store.readStream('acc-1');
        expect(stream.map((event) => event.metadata.version)).toEqual([1, 2]);
        expect(await store.streamInfo('acc-1')).toMatchObject({ version: 2 });
      });
    });

    describe('readStream', () => {
      beforeEach(async () => {
        await store.append(request('acc-1', NO_STREAM, deposits(5)));
        await store.append(request('acc-2', NO_STREAM, deposits(2)));
      });

      const versions = async (streamId: string, options?: Parameters<EventStore['readStream']>[1]) =>
        (await store.readStream(streamId, options)).map((event) => event.metadata.version);

      it('given a stream of 5 events, when read without options, then all its events come forward in version order', async () => {
        const events = await store.readStream('acc-1');
        expect(events.map((event) => event.metadata.version)).toEqual([1, 2, 3, 4, 5]);
        expect(events.every((event) => event.aggregateId === 'acc-1')).toBe(true);
        expect(isStrictlyIncreasing(events.map((event) => event.position))).toBe(true);
      });

      it('given a stream of 5 events, when read with fromVersion/toVersion/limit, then the bounds are inclusive and limit caps', async () => {
        expect(await versions('acc-1', { fromVersion: 2, toVersion: 4 })).toEqual([2, 3, 4]);
        expect(await versions('acc-1', { fromVersion: 3 })).toEqual([3, 4, 5]);
        expect(await versions('acc-1', { toVersion: 2 })).toEqual([1, 2]);
        expect(await versions('acc-1', { limit: 2 })).toEqual([1, 2]);
        expect(await versions('acc-1', { fromVersion: 2, toVersion: 5, limit: 2 })).toEqual([2, 3]);
        expect(await versions('acc-1', { fromVersion: 6 })).toEqual([]);
      });

      it('given a stream of 5 events, when read backward, then versions come from the head (or toVersion) down', async () => {
        expect(await versions('acc-1', { direction: 'backward' })).toEqual([5, 4, 3, 2, 1]);
        expect(await versions('acc-1', { direction: 'backward', limit: 2 })).toEqual([5, 4]);
        expect(await versions('acc-1', { direction: 'backward', toVersion: 3 })).toEqual([3, 2, 1]);
        expect(await versions('acc-1', { direction: 'backward', fromVersion: 4 })).toEqual([5, 4]);
        expect(await versions('acc-1', { direction: 'backward', fromVersion: 2, toVersion: 4, limit: 2 })).toEqual([4, 3]);
      });

      it('given an unknown stream, when read in either direction, then the result is empty', async () => {
        expect(await store.readStream('nope')).toEqual([]);
        expect(await store.readStream('nope', { direction: 'backward', limit: 10 })).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('given an empty store, when reading the log, then the page is empty', async () => {
        expect(await store.readAll({ limit: 10 })).toEqual([]);
        expect(await store.headPosition()).toBe(0);
      });

      it('given interleaved appends to three streams, when paging with after/limit, then pages join into the log in append order', async () => {
        // given
        const appended: string[] = [];
        for (const [streamId, expectedVersion, count] of [
          ['acc-1', 0, 2], ['acc-2', 0, 1], ['acc-3', 0, 3], ['acc-1', 2, 1], ['acc-2', 1, 2],
        ] as const) {
          const result = await store.append(request(streamId, expectedVersion, deposits(count, expectedVersion + 1)));
          appended.push(...result.events.map((event) => event.id));
        }

        // when
        const pages: string[][] = [];
        const positions: number[] = [];
        let after = 0;
        for (;;) {
          const page = await store.readAll({ after, limit: 3 });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(3);
          pages.push(page.map((event) => event.id));
          positions.push(...page.map((event) => event.position));
          after = page[page.length - 1].position;
        }

        // then
        expect(pages.flat()).toEqual(appended);
        expect(pages.map((page) => page.length)).toEqual([3, 3, 3]);
        expect(isStrictlyIncreasing(positions)).toBe(true);
        expect(after).toBe(await store.headPosition());
        expect(await store.readAll({ after, limit: 10 })).toEqual([]);
      });

      it('given several event types, when reading with an eventTypes filter, then only those types come, still in position order', async () => {
        // given
        await store.append(request('acc-1', NO_STREAM, [
          newEvent('AccountOpened', {}), newEvent('MoneyDeposited', { amount: 1 }), newEvent('MoneyWithdrawn', { amount: 1 }),
        ]));
        await store.append(request('acc-2', NO_STREAM, [newEvent('AccountOpened', {}), newEvent('MoneyDeposited', { amount: 2 })]));
        await store.append(request('acc-1', 3, [newEvent('AccountClosed', {})]));

        // when
        const filtered = await store.readAll({ limit: 100, eventTypes: ['MoneyDeposited', 'AccountClosed'] });
        const firstPage = await store.readAll({ limit: 2, eventTypes: ['AccountOpened', 'AccountClosed'] });
        const nextPage = await store.readAll({ after: firstPage[1].position, limit: 2, eventTypes: ['AccountOpened', 'AccountClosed'] });

        // then
        expect(filtered.map((event) => event.eventType)).toEqual(['MoneyDeposited', 'MoneyDeposited', 'AccountClosed']);
        expect(isStrictlyIncreasing(filtered.map((event) => event.position))).toBe(true);
        expect(firstPage.map((event) => [event.aggregateId, event.eventType])).toEqual([['acc-1', 'AccountOpened'], ['acc-2', 'AccountOpened']]);
        expect(nextPage.map((event) => [event.aggregateId, event.eventType])).toEqual([['acc-1', 'AccountClosed']]);
      });
    });

    describe('stream metadata', () => {
      it('given an unknown stream, when asking for its info, then it is null', async () => {
        expect(await store.streamInfo('nope')).toBeNull();
      });

      it('given events at known timestamps, when asking the version at a time, then it is the last event at or before it', async () => {
        // given events at T0+1000, T0+2000, T0+3000
        await store.append(request('acc-1', NO_STREAM, deposits(3)));

        // then
        expect(await store.streamVersionAt('acc-1', T0)).toBe(0);
        expect(await store.streamVersionAt('acc-1', T0 + 1000)).toBe(1);
        expect(await store.streamVersionAt('acc-1', T0 + 2500)).toBe(2);
        expect(await store.streamVersionAt('acc-1', T0 + 99_000)).toBe(3);
        expect(await store.streamVersionAt('nope', T0 + 99_000)).toBe(0);
      });

      it('given appends, when asking for the head position, then it is the position of the newest event', async () => {
        expect(await store.headPosition()).toBe(0);
        await store.append(request('acc-1', NO_STREAM, deposits(2)));
        const last = await store.append(request('acc-2', NO_STREAM, deposits(1)));
        expect(await store.headPosition()).toBe(last.position);
        const log = await store.readAll({ limit: 100 });
        expect(log[log.length - 1].position).toBe(last.position);
      });
    });

    describe('snapshots', () => {
      it('given no snapshot, when loading, then it is null', async () => {
        expect(await store.loadSnapshot('acc-1')).toBeNull();
        expect(await store.loadSnapshot('acc-1', 10)).toBeNull();
      });

      it('given snapshots at versions 2, 5 and 8, when loading with and without maxVersion, then the newest fitting one comes', async () => {
        // given
        for (const version of [5, 2, 8]) await store.saveSnapshot(snapshot('acc-1', version));
        await store.saveSnapshot(snapshot('acc-2', 9));

        // then
        expect(await store.loadSnapshot('acc-1')).toStrictEqual(snapshot('acc-1', 8));
        expect(await store.loadSnapshot('acc-1', 8)).toStrictEqual(snapshot('acc-1', 8));
        expect(await store.loadSnapshot('acc-1', 7)).toStrictEqual(snapshot('acc-1', 5));
        expect(await store.loadSnapshot('acc-1', 2)).toStrictEqual(snapshot('acc-1', 2));
        expect(await store.loadSnapshot('acc-1', 1)).toBeNull();
      });

      it('given a snapshot at version 3, when saving another at version 3, then it replaces the first', async () => {
        // given
        await store.saveSnapshot(snapshot('acc-1', 3, { balance: 1 }));

        // when
        await store.saveSnapshot(snapshot('acc-1', 3, { balance: 2, owner: 'Ada' }));

        // then
        expect(await store.loadSnapshot('acc-1')).toStrictEqual(snapshot('acc-1', 3, { balance: 2, owner: 'Ada' }));
      });

      it('given an append carrying a snapshot, when it succeeds, then the snapshot is saved', async () => {
        // when
        await store.append(request('acc-1', NO_STREAM, deposits(2), { snapshot: snapshot('acc-1', 2) }));

        // then
        expect(await store.loadSnapshot('acc-1')).toStrictEqual(snapshot('acc-1', 2));
      });
    });

    describe('idempotency', () => {
      it('given an append carrying an idempotency record, when it succeeds, then the record is found with a body built from the outcome', async () => {
        // given
        const seen: unknown[] = [];
        const pending = pendingIdempotency('key-1', {
          body: (outcome) => {
            seen.push(outcome);
            return { accountId: 'acc-1', version: outcome.version, position: outcome.position };
          },
        });

        // when
        const result = await store.append(request('acc-1', NO_STREAM, deposits(2), { idempotency: pending }));

        // then
        expect(seen).toEqual([{ version: result.version, position: result.position, events: result.events }]);
        expect(await store.findIdempotencyRecord('key-1')).toStrictEqual({
          key: 'key-1',
          fingerprint: 'fp-key-1',
          statusCode: 201,
          body: { accountId: 'acc-1', version: 2, position: result.position },
          createdAt: T0,
        });
        expect(await store.findIdempotencyRecord('key-2')).toBeNull();
      });

      it('given a taken key, when another append carries it, then IdempotencyKeyTakenError and no events or snapshot are written', async () => {
        // given
        await store.append(request('acc-1', NO_STREAM, deposits(1), { idempotency: pendingIdempotency('key-1') }));
        const recordBefore = await store.findIdempotencyRecord('key-1');
        const headBefore = await store.headPosition();

        // when
        const error = await rejectionOf(
          store.append(request('acc-2', NO_STREAM, deposits(2), {
            idempotency: pendingIdempotency('key-1', { fingerprint: 'other' }),
            snapshot: snapshot('acc-2', 2),
          })),
        );

        // then
        expect(error).toBeInstanceOf(IdempotencyKeyTakenError);
        expect(error).toMatchObject({ key: 'key-1' });
        expect(await store.headPosition()).toBe(headBefore);
        expect(await store.streamInfo('acc-2')).toBeNull();
        expect(await store.readStream('acc-2')).toEqual([]);
        expect(await store.loadSnapshot('acc-2')).toBeNull();
        expect(await store.findIdempotencyRecord('key-1')).toStrictEqual(recordBefore);
      });

      it('given a key saved as a refusal, when an append carries it, then IdempotencyKeyTakenError and nothing is written', async () => {
        // given
        await store.saveIdempotencyRecord({ ...idempotencyRecord('key-1'), statusCode: 422 });

        // when
        const error = await rejectionOf(store.append(request('acc-1', NO_STREAM, deposits(1), { idempotency: pendingIdempotency('key-1') })));

        // then
        expect(error).toBeInstanceOf(IdempotencyKeyTakenError);
        expect(await store.headPosition()).toBe(0);
        expect(await store.streamInfo('acc-1')).toBeNull();
        expect(await store.findIdempotencyRecord('key-1')).toStrictEqual({ ...idempotencyRecord('key-1'), statusCode: 422 });
      });

      it('given an idempotency body that throws, when appending, then the error propagates and the batch is not written', async () => {
        // given
        await store.append(request('acc-1', NO_STREAM, deposits(1)));
        const headBefore = await store.headPosition();
        const failure = new Error('cannot render the response');

        // when
        const error = await rejectionOf(
          store.append(request('acc-1', 1, deposits(2, 2), {
            idempotency: pendingIdempotency('key-1', { body: () => { throw failure; } }),
            snapshot: snapshot('acc-1', 3),
          })),
        );

        // then
        expect(error).toBe(failure);
        expect(await store.headPosition()).toBe(headBefore);
        expect(await store.streamInfo('acc-1')).toMatchObject({ version: 1 });
        expect((await store.readStream('acc-1')).map((event) => event.metadata.version)).toEqual([1]);
        expect(await store.findIdempotencyRecord('key-1')).toBeNull();
        expect(await store.loadSnapshot('acc-1')).toBeNull();
      });

      it('given a saved record, when saving the same key again, then IdempotencyKeyTakenError and the first record stays', async () => {
        // given
        await store.saveIdempotencyRecord(idempotencyRecord('key-1'));

        // when
        const error = await rejectionOf(store.saveIdempotencyRecord({ ...idempotencyRecord('key-1'), statusCode: 409 }));

        // then
        expect(error).toBeInstanceOf(IdempotencyKeyTakenError);
        expect(error).toMatchObject({ key: 'key-1' });
        expect(await store.findIdempotencyRecord('key-1')).toStrictEqual(idempotencyRecord('key-1'));
      });
    });

    describe('projection checkpoints', () => {
      it('given a projection that never committed, when loading its checkpoint, then it is null', async () => {
        expect(await store.loadCheckpoint('balances')).toBeNull();
      });

      it('given read-model statements, when committing a projection, then the checkpoint and the row are both saved', async () => {
        // when
        await store.commitProjection({ checkpoint: checkpoint('balances', 3), expectedPosition: 0, statements: upsertRows([['acc-1', '300']]) });

        // then
        expect(await store.loadCheckpoint('balances')).toStrictEqual(checkpoint('balances', 3));
        expect(await readRow(store, 'acc-1')).toBe('300');
        expect(await store.loadCheckpoint('other')).toBeNull();
      });

      it('given a committed checkpoint, when committing from it, then checkpoint and row move forward', async () => {
        // given
        await store.commitProjection({ checkpoint: checkpoint('balances', 3), expectedPosition: 0, statements: upsertRows([['acc-1', '300']]) });

        // when
        const next = { name: 'balances', position: 7, eventId: null, eventsProcessed: 5, generation: 2 };
        await store.commitProjection({ checkpoint: next, expectedPosition: 3, statements: upsertRows([['acc-1', '700']]) });

        // then
        expect(await store.loadCheckpoint('balances')).toStrictEqual(next);
        expect(await readRow(store, 'acc-1')).toBe('700');
      });

      it('given a checkpoint another worker moved, when committing from the old position, then ProjectionCheckpointConflictError and nothing written', async () => {
        // given
        await store.commitProjection({ checkpoint: checkpoint('balances', 3), expectedPosition: 0, statements: upsertRows([['acc-1', '300']]) });

        // when
        const error = await rejectionOf(
          store.commitProjection({ checkpoint: checkpoint('balances', 5), expectedPosition: 0, statements: upsertRows([['acc-1', '500']]) }),
        );

        // then
        expect(error).toBeInstanceOf(ProjectionCheckpointConflictError);
        expect(error).toMatchObject({ projection: 'balances', expectedPosition: 0, actualPosition: 3 });
        expect(await store.loadCheckpoint('balances')).toStrictEqual(checkpoint('balances', 3));
        expect(await readRow(store, 'acc-1')).toBe('300');
      });

      it('given a checkpoint swapped to another generation at the same position, when committing with the old generation, then ProjectionCheckpointConflictError and nothing written', async () => {
        // given: a rebuild elsewhere swapped generation 2 in at position 3
        await store.commitProjection({ checkpoint: checkpoint('balances', 3), expectedPosition: 0, statements: upsertRows([['acc-1', '300']]) });
        const swapped = { ...checkpoint('balances', 3), generation: 2 };
        await store.commitProjection({ checkpoint: swapped, expectedPosition: 3, expectedGeneration: 1, statements: [] });

        // when: a worker still on generation 1 commits its next batch
        const stale = { ...checkpoint('balances', 4), generation: 1 };
        const error = await rejectionOf(
          store.commitProjection({ checkpoint: stale, expectedPosition: 3, expectedGeneration: 1, statements: upsertRows([['acc-1', '400']]) }),
        );

        // then
        expect(error).toBeInstanceOf(ProjectionCheckpointConflictError);
        expect(error).toMatchObject({ projection: 'balances', expectedPosition: 3, actualPosition: 3, expectedGeneration: 1, actualGeneration: 2 });
        expect(await store.loadCheckpoint('balances')).toStrictEqual(swapped);
        expect(await readRow(store, 'acc-1')).toBe('300');
      });

      it('given a statement that fails after others, when committing, then the error propagates and neither checkpoint nor rows changed', async () => {
        // given
        await store.commitProjection({ checkpoint: checkpoint('balances', 3), expectedPosition: 0, statements: upsertRows([['acc-1', '300']]) });

        // when
        const error = await rejectionOf(
          store.commitProjection({
            checkpoint: checkpoint('balances', 9),
            expectedPosition: 3,
            statements: [...upsertRows([['acc-1', '900'], ['acc-2', '900']]), { sql: 'INSERT INTO no_such_table (x) VALUES (?)', params: [1] }],
          }),
        );

        // then (matched by message: a driver's error class may come from another realm)
        expect(error).toMatchObject({ message: expect.stringContaining('no_such_table') });
        expect(await store.loadCheckpoint('balances')).toStrictEqual(checkpoint('balances', 3));
        expect(await readRow(store, 'acc-1')).toBe('300');
        expect(await readRow(store, 'acc-2')).toBeUndefined();
      });

      it('given a fresh store, when the first commit fails, then no checkpoint and no table exist', async () => {
        // when
        const error = await rejectionOf(
          store.commitProjection({
            checkpoint: checkpoint('balances', 1),
            expectedPosition: 0,
            statements: [...upsertRows([['acc-1', '100']]), { sql: 'INSERT INTO no_such_table (x) VALUES (1)' }],
          }),
        );

        // then (matched by message: a driver's error class may come from another realm)
        expect(error).toMatchObject({ message: expect.stringContaining('no_such_table') });
        expect(await store.loadCheckpoint('balances')).toBeNull();
        expect(await readRow(store, 'acc-1')).toBeUndefined();
      });

      it('given committed rows, when querying the read model with parameters, then rows come back in the requested order', async () => {
        // given
        await store.commitProjection({
          checkpoint: checkpoint('balances', 2),
          expectedPosition: 0,
          statements: upsertRows([['b', '2'], ['a', '1'], ['c', '3']]),
        });

        // when
        const rows = await store.queryReadModel<{ key: string; value: string }>(
          'SELECT key, value FROM contract_rows WHERE key > ? ORDER BY key',
          ['a'],
        );

        // then
        expect(rows).toStrictEqual([{ key: 'b', value: '2' }, { key: 'c', value: '3' }]);
      });
    });

    describe('append notifications and counters', () => {
      it('given a listener, when appends commit, then it hears each new head position; a failed append is not reported', async () => {
        // given
        const heard: number[] = [];
        const unsubscribe = store.onAppended((position) => heard.push(position));

        // when
        await store.append(request('acc-1', NO_STREAM, deposits(2)));
        await rejectionOf(store.append(request('acc-1', NO_STREAM, deposits(1))));
        await store.append(request('acc-2', NO_STREAM, deposits(1)));
        unsubscribe();
        await store.append(request('acc-3', NO_STREAM, deposits(1)));

        // then
        expect(heard).toHaveLength(2);
        expect(heard[1]).toBeGreaterThan(heard[0]);
        expect(heard[1]).toBe((await store.readStream('acc-2'))[0].position);
      });

      it('given snapshots saved alone, inside appends and saved again, then countSnapshots counts each (stream, version) once', async () => {
        // given
        expect(await store.countSnapshots()).toBe(0);
        await store.append(request('acc-1', NO_STREAM, deposits(2), { snapshot: snapshot('acc-1', 2) }));
        await store.saveSnapshot(snapshot('acc-1', 1));
        await store.saveSnapshot(snapshot('acc-1', 1, { balance: 1 }));
        await store.saveSnapshot(snapshot('acc-2', 5));

        // then
        expect(await store.countSnapshots()).toBe(3);
      });
    });

    describe('data isolation', () => {
      it('given stored events, when a caller mutates appended input or returned data, then what is stored is unchanged', async () => {
        // given
        const event = newEvent('MoneyDeposited', { amount: 100, tags: { channel: 'web' } });
        const result = await store.append(request('acc-1', NO_STREAM, [event]));

        // when
        event.data.amount = -1;
        (event.data.tags as Record<string, unknown>).channel = 'input';
        result.events[0].data.amount = -2;
        const [fromStream] = await store.readStream('acc-1');
        fromStream.data.amount = -3;
        (fromStream.data.tags as Record<string, unknown>).channel = 'stream';
        fromStream.metadata.version = 99;
        const [fromLog] = await store.readAll({ limit: 1 });
        fromLog.data.amount = -4;

        // then
        const [stored] = await store.readStream('acc-1');
        expect(stored.data).toStrictEqual({ amount: 100, tags: { channel: 'web' } });
        expect(stored.metadata.version).toBe(1);
        expect((await store.readAll({ limit: 1 }))[0].data).toStrictEqual({ amount: 100, tags: { channel: 'web' } });
      });

      it('given a snapshot and an idempotency record, when a caller mutates what was loaded, then what is stored is unchanged', async () => {
        // given
        await store.saveSnapshot(snapshot('acc-1', 1, { balance: 100 }));
        await store.saveIdempotencyRecord(idempotencyRecord('key-1'));

        // when
        const loaded = await store.loadSnapshot('acc-1');
        loaded!.state.balance = -1;
        const record = await store.findIdempotencyRecord('key-1');
        (record!.body as Record<string, unknown>).accountId = 'tampered';

        // then
        expect(await store.loadSnapshot('acc-1')).toStrictEqual(snapshot('acc-1', 1, { balance: 100 }));
        expect(await store.findIdempotencyRecord('key-1')).toStrictEqual(idempotencyRecord('key-1'));
      });
    });

    describe('health', () => {
      it('given an open store, when pinged, then it resolves', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });
  });
}
