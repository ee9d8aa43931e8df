import { IdempotencyKeyTakenError } from '../../eventstore/event-store.errors.js';
import type { EventStore } from '../../eventstore/event-store.port.js';
import type { IdempotencyRecord } from '../../eventstore/idempotency-record.js';

/** Saves `record` unless its key is recorded already; then the earlier record stands. */
export async function saveIdempotencyRecordOnce(store: EventStore, record: IdempotencyRecord): Promise<void> {
  try {
    await store.saveIdempotencyRecord(record);
  } catch (error) {
    if (!(error instanceof IdempotencyKeyTakenError)) throw error;
  }
}
