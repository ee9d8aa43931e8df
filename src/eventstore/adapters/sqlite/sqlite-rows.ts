import type { StoredEvent } from '../../event-envelope.js';
import type { Snapshot } from '../../snapshot.js';
import { type EventRowColumns, storedEventFromRow } from '../../stored-event.js';

/**
 * A row of `events` as selected with EVENT_COLUMNS (data as JSON text). Reads take rows as arrays
 * (better-sqlite3's `raw()`), which costs markedly less per row than objects with named properties.
 */
export type EventValues = [
  position: number,
  id: string,
  streamId: string,
  streamType: string,
  version: number,
  eventType: string,
  data: string,
  schemaVersion: number,
  timestamp: number,
  correlationId: string | null,
  causationId: string | null,
];

/** A row of `snapshots`. */
export interface SnapshotRow {
  stream_id: string;
  version: number;
  stream_type: string;
  state: string;
  timestamp: number;
  schema_version: number;
}

export function toStoredEvent(values: EventValues): StoredEvent {
  const [position, id, stream_id, stream_type, version, event_type, data, schema_version, timestamp, correlation_id, causation_id] = values;
  const row: EventRowColumns = { position, id, stream_id, stream_type, version, event_type, schema_version, timestamp, correlation_id, causation_id };
  return storedEventFromRow(row, JSON.parse(data) as Record<string, unknown>);
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
