import type { NewEvent, StoredEvent } from './event-envelope.js';

/** The stored form of an appended event, as every adapter returns it. */
export function storedEventOf(
  event: NewEvent,
  stream: { streamId: string; streamType: string },
  version: number,
  position: number,
): StoredEvent {
  return {
    id: event.id,
    position,
    aggregateId: stream.streamId,
    aggregateType: stream.streamType,
    eventType: event.eventType,
    data: event.data,
    metadata: {
      timestamp: event.timestamp,
      version,
      schemaVersion: event.schemaVersion,
      ...(event.correlationId === undefined ? {} : { correlationId: event.correlationId }),
      ...(event.causationId === undefined ? {} : { causationId: event.causationId }),
    },
  };
}

/** The columns that the SQL adapters' event reads select, in this order. */
export const EVENT_COLUMNS =
  'position, id, stream_id, stream_type, version, event_type, data, schema_version, timestamp, correlation_id, causation_id';

/** The columns of an `events` row that the adapters share (SQL adapters store data per dialect). */
export interface EventRowColumns {
  position: number;
  id: string;
  stream_id: string;
  stream_type: string;
  version: number;
  event_type: string;
  schema_version: number;
  timestamp: number;
  correlation_id: string | null;
  causation_id: string | null;
}

/** A StoredEvent from a row of `events` and its parsed data. */
export function storedEventFromRow(row: EventRowColumns, data: Record<string, unknown>): StoredEvent {
  return {
    id: row.id,
    position: row.position,
    aggregateId: row.stream_id,
    aggregateType: row.stream_type,
    eventType: row.event_type,
    data,
    metadata: {
      timestamp: row.timestamp,
      version: row.version,
      schemaVersion: row.schema_version,
      ...(row.correlation_id === null ? {} : { correlationId: row.correlation_id }),
      ...(row.causation_id === null ? {} : { causationId: row.causation_id }),
    },
  };
}
