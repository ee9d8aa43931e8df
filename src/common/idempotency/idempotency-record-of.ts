import type { EventStore } from '../../eventstore/event-store.port.js';
import type { IdempotencyRecord } from '../../eventstore/idempotency-record.js';

/**
 * The record of a key the store just said is taken (an append or save refused with
 * IdempotencyKeyTakenError). @throws Error when it is not there (records are never deleted).
 */
export async function idempotencyRecordOf(store: EventStore, key: string): Promise<IdempotencyRecord> {
  const record = await store.findIdempotencyRecord(key);
  if (!record) throw new Error(`Idempotency record ${key} vanished`);
  return record;
}
