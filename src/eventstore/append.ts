import { EventStoreUnavailableError } from './event-store.errors.js';
import type { NewEvent } from './event-envelope.js';
import type { IdempotencyRecord } from './idempotency-record.js';
import type { Snapshot } from './snapshot.js';
import type { StoredEvent } from './event-envelope.js';

/** Expected version of a stream that must not exist yet. */
export const NO_STREAM = 0;

/** One atomic write to one stream. */
export interface AppendRequest {
  streamId: string;
  streamType: string;
  /** The stream's current version as the writer saw it (`NO_STREAM` for a new stream). */
  expectedVersion: number;
  /** At least one event; they get versions expectedVersion + 1, + 2, ... */
  events: NewEvent[];
  /** Written in the same transaction, so a retried command finds its outcome exactly when its events exist. */
  idempotency?: PendingIdempotencyRecord;
  /** A snapshot of the state after these events, saved in the same transaction. */
  snapshot?: Snapshot;
}

/**
 * An idempotency record whose response body depends on the append's outcome (its position, version);
 * the store calls `body` with the result inside the transaction and stores what it returns.
 */
export interface PendingIdempotencyRecord extends Omit<IdempotencyRecord, 'body'> {
  body: (result: AppendResult) => unknown;
}

/** What an append stored: the stream's new version, the last position, and the stored events. */
export interface AppendResult {
  /** The stream's version after the append. */
  version: number;
  /** Global position of the last appended event. */
  position: number;
  events: StoredEvent[];
}

/**
 * `EventStore.appendInOrder` for a store whose appends cannot share a commit: one after the other. Once
 * the store is unavailable, the rest are refused with the same error rather than each waiting for it.
 */
export async function appendOneAfterAnother(
  append: (request: AppendRequest) => Promise<AppendResult>,
  requests: readonly AppendRequest[],
): Promise<PromiseSettledResult<AppendResult>[]> {
  const outcomes: PromiseSettledResult<AppendResult>[] = [];
  let unavailable: EventStoreUnavailableError | undefined;
  for (const request of requests) {
    if (unavailable) {
      outcomes.push({ status: 'rejected', reason: unavailable });
      continue;
    }
    try {
      outcomes.push({ status: 'fulfilled', value: await append(request) });
    } catch (reason) {
      if (reason instanceof EventStoreUnavailableError) unavailable = reason;
      outcomes.push({ status: 'rejected', reason });
    }
  }
  return outcomes;
}
