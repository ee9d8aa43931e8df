/** What a command appended, as an idempotency record keeps it for repeats. */
export interface RecordedOutcome {
  aggregateId: string;
  /** The stream's version after the command. */
  version: number;
  /** Global position of the last event the command appended (0 when it appended none). */
  position: number;
  /** Ids of the events it appended, in order. */
  eventIds: string[];
}

/** The outcome of `EventSourcedRepository.execute`. */
export interface CommandOutcome<A> extends RecordedOutcome {
  /** True when the idempotency key was recorded already: nothing ran or was appended, this is the first outcome. */
  replayed: boolean;
  /** The aggregate after the command; null for a repeat (`replayed`). */
  aggregate: A | null;
}
