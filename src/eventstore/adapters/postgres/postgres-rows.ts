import type { StoredEvent } from '../../event-envelope.js';
import type { Snapshot } from '../../snapshot.js';

/** A row of `events` as selected by the adapter (BIGINTs parsed to numbers, JSONB to objects). */
export interface PgEventRow {
  position: number;
  id: string;
  stream_id: string;
  stream_type: string;
  version: number;
  event_type: string;
  data: Record<string, unknown>;
  schema_version: number;
  timestamp: number;
  correlation_id: string | null;
  causation_id: string | null;
}

export interface PgSnapshotRow {
  stream_id: string;
  version: number;
  stream_type: string;
  state: Record<string, unknown>;
  timestamp: number;
  schema_version: number;
}

export const EVENT_COLUMNS =
  'position, id, stream_id, stream_type, version, event_type, data, schema_version, timestamp, correlation_id, causation_id';

export function pgRowToEvent(row: PgEventRow): StoredEvent {
  return {
    id: row.id,
    position: row.position,
    aggregateId: row.stream_id,
    aggregateType: row.stream_type,
    eventType: row.event_type,
    data: row.data,
    metadata: {
      timestamp: row.timestamp,
      version: row.version,
      schemaVersion: row.schema_version,
      ...(row.correlation_id === null ? {} : { correlationId: row.correlation_id }),
      ...(row.causation_id === null ? {} : { causationId: row.causation_id }),
    },
  };
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
