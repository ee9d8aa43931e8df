/** A stored event's type and the version of its `data` shape. */
export interface EventSchema {
  eventType: string;
  schemaVersion: number;
}

/**
 * Turns the `data` of one older event shape into the next one (the same type at a later schema version,
 * or a renamed type). Upcasters chain: an event is lifted until no upcaster reads its shape. They run on
 * every read of the log, so they must be pure and cheap; the stored event never changes.
 */
export interface EventUpcaster {
  /** The shape it reads. */
  from: EventSchema;
  /** The shape it produces. */
  to: EventSchema;
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}
