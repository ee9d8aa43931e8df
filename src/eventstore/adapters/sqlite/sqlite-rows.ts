import type { StoredEvent } from '../../event-envelope.js';
import type { Snapshot } from '../../snapshot.js';
import { type EventRowColumns, storedEventFromRow } from '../../stored-event.js';

/** A row of `events` (data as JSON text). */
export interface EventRow extends EventRowColumns {
  data: string;
}

/** A row of `snapshots`. */
export interface SnapshotRow {
  stream_id: string;
  version: number;
  stream_type: string;
  state: string;
  timestamp: number;
  schema_version: number;
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return storedEventFromRow(row, JSON.parse(row.data) as Record<string, unknown>);
}

export function toSnapshot(row: SnapshotRow): Snapshot {
  return {
    aggregateId: row.stream_id,
    aggregateType: row.stream_type,
    version: row.version,
    state: JSON.parse(row.state) as Record<string, unknown>,
    timestamp: row.timestamp,
    schemaVersion: row.schema_version,
  };
}
