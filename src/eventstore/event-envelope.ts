/** Metadata stored with every event. */
export interface EventMetadata {
  /** Milliseconds since the epoch, from the service clock when the event was recorded. */
  timestamp: number;
  /** Version of the event's stream after this event (the stream's first event is version 1). */
  version: number;
  /** Version of the event's `data` shape; upcasters lift older shapes on read. */
  schemaVersion: number;
  /** Id of the request or conversation that caused the event. */
  correlationId?: string;
  /** Id of the command that produced the event. */
  causationId?: string;
}

/** An event to append, before the store gives it a position and version. */
export interface NewEvent {
  /** Unique id (UUID). */
  id: string;
  /** Stored type name, a fixed contract (e.g. `MoneyDeposited`). */
  eventType: string;
  data: Record<string, unknown>;
  schemaVersion: number;
  timestamp: number;
  correlationId?: string;
  causationId?: string;
}

/** An event as stored and as the events API shows it. */
export interface StoredEvent {
  id: string;
  /** Global position: strictly increasing in the order readers see events. */
  position: number;
  aggregateId: string;
  aggregateType: string;
  eventType: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}
