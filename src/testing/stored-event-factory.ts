import type { StoredEvent } from '../eventstore/event-envelope.js';

/** Options of a {@link StoredEventFactory}. */
export interface StoredEventFactoryOptions {
  /** Timestamp of the first event (default 2026-01-15T09:00:00.000Z). */
  start?: number;
  /** Aggregate type of events that do not name one (default `Aggregate`). */
  aggregateType?: string;
}

/** 2026-01-15T09:00:00.000Z, when a factory's events start unless told otherwise. */
export const SPECIFICATION_T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

/**
 * Builds StoredEvents as the store hands them to a projection: consecutive global positions from 1,
 * stream versions counted per aggregate from 1, schema version 1, ids `evt-001`, `evt-002`, ... Each
 * event is 1 s after the previous one unless it names its own timestamp.
 */
export class StoredEventFactory {
  private position = 0;
  private time: number;
  private readonly versions = new Map<string, number>();
  private readonly aggregateType: string;

  constructor(options: StoredEventFactoryOptions = {}) {
    this.time = (options.start ?? SPECIFICATION_T0) - 1000;
    this.aggregateType = options.aggregateType ?? 'Aggregate';
  }

  /** The next event of the log: `data` in its stored shape. */
  event(
    aggregateId: string,
    eventType: string,
    data: Record<string, unknown>,
    options: { at?: number; aggregateType?: string; schemaVersion?: number } = {},
  ): StoredEvent {
    const aggregateType = options.aggregateType ?? this.aggregateType;
    const stream = `${aggregateType}:${aggregateId}`;
    const version = (this.versions.get(stream) ?? 0) + 1;
    this.versions.set(stream, version);
    this.time = options.at ?? this.time + 1000;
    this.position += 1;
    return {
      id: `evt-${String(this.position).padStart(3, '0')}`,
      position: this.position,
      aggregateId,
      aggregateType,
      eventType,
      data,
      metadata: { timestamp: this.time, version, schemaVersion: options.schemaVersion ?? 1 },
    };
  }
}
