import type { StoredEvent } from '../../event-envelope.js';
import type { Snapshot } from '../../snapshot.js';
import { type EventRowColumns, storedEventFromRow } from '../../stored-event.js';

/** A row of `events` as selected by the adapter (BIGINTs parsed to numbers, JSONB to objects). */
export interface PgEventRow extends EventRowColumns {
  data: Record<string, unknown>;
}

export interface PgSnapshotRow {
  stream_id: string;
  version: number;
  stream_type: string;
  state: Record<string, unknown>;
  timestamp: number;
  schema_version: number;
}

export function pgRowToEvent(row: PgEventRow): StoredEvent {
  return storedEventFromRow(row, row.data);
}

export function pgRowToSnapshot(row: PgSnapshotRow): Snapshot {
  return {
    aggregateId: row.stream_id,
    aggregateType: row.stream_type,
    version: row.version,
    state: row.state,
    timestamp: row.timestamp,
    schemaVersion: row.schema_version,
  };
}
