import type { StoredEvent } from '../../event-envelope.js';
import type { Snapshot } from '../../snapshot.js';

/** A row of `events`. */
export interface EventRow {
  position: number;
  id: string;
  stream_id: string;
  stream_type: string;
  version: number;
  event_type: string;
  data: string;
  schema_version: number;
  timestamp: number;
  correlation_id: string | null;
  causation_id: string | null;
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
  return {
    id: row.id,
    position: row.position,
    aggregateId: row.stream_id,
    aggregateType: row.stream_type,
    eventType: row.event_type,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: {
      timestamp: row.timestamp,
      version: row.version,
      schemaVersion: row.schema_version,
      ...(row.correlation_id === null ? {} : { correlationId: row.correlation_id }),
      ...(row.causation_id === null ? {} : { causationId: row.causation_id }),
    },
  };
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
