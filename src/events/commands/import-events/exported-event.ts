import type { NewEvent } from '../../../eventstore/event-envelope.js';

const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;
const MAX_ID_LENGTH = 128;

/** One line of an export, as import appends it: the event and where it goes. */
export interface ExportedEvent {
  /** The aggregate id the file gives (the report names streams by it). */
  aggregateId: string;
  /** Its stream in the store (the aggregate id, under its type's prefix). */
  streamId: string;
  streamType: string;
  /** Its version in the stream, kept by the import. */
  version: number;
  event: NewEvent;
}

/**
 * Reads one line of `GET /events/export` (an event as the events API shows it; its `position` is not
 * kept, the importing store gives it a new one). `streamIdOf` names the stream of an aggregate (see
 * StreamNames). Returns the event, or the problems of the line.
 */
export function parseExportedEvent(
  text: string,
  streamIdOf: (aggregateType: string, aggregateId: string) => string = (_type, id) => id,
): ExportedEvent | { problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problems: ['is not valid JSON'] };
  }
  if (!isObject(value)) return { problems: ['must be a JSON object (an exported event)'] };
  const metadata = isObject(value.metadata) ? value.metadata : {};
  const problems = [
    ...checkId(value.id, 'id'),
    ...checkId(value.aggregateId, 'aggregateId'),
    ...checkId(value.aggregateType, 'aggregateType'),
    ...(typeof value.eventType === 'string' && EVENT_TYPE.test(value.eventType) ? [] : ['eventType must be an event type name like MoneyDeposited']),
    ...(isObject(value.data) ? [] : ['data must be a JSON object']),
    ...(isObject(value.metadata) ? [] : ['metadata must be a JSON object']),
    ...checkInteger(metadata.timestamp, 'metadata.timestamp', 0),
    ...checkInteger(metadata.version, 'metadata.version', 1),
    ...checkInteger(metadata.schemaVersion, 'metadata.schemaVersion', 1),
    ...(metadata.correlationId === undefined ? [] : checkId(metadata.correlationId, 'metadata.correlationId')),
    ...(metadata.causationId === undefined ? [] : checkId(metadata.causationId, 'metadata.causationId')),
  ];
  if (problems.length > 0) return { problems };
  return {
    aggregateId: value.aggregateId as string,
    streamId: streamIdOf(value.aggregateType as string, value.aggregateId as string),
    streamType: value.aggregateType as string,
    version: metadata.version as number,
    event: {
      id: value.id as string,
      eventType: value.eventType as string,
      data: value.data as Record<string, unknown>,
      schemaVersion: metadata.schemaVersion as number,
      timestamp: metadata.timestamp as number,
      ...(metadata.correlationId === undefined ? {} : { correlationId: metadata.correlationId as string }),
      ...(metadata.causationId === undefined ? {} : { causationId: metadata.causationId as string }),
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkId(value: unknown, field: string): string[] {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH ? [] : [`${field} must be a string of 1-${MAX_ID_LENGTH} characters`];
}

function checkInteger(value: unknown, field: string, min: number): string[] {
  return Number.isSafeInteger(value) && (value as number) >= min ? [] : [`${field} must be an integer of at least ${min}`];
}
