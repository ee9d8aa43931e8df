/** Who asked for a command and how to deduplicate it; carried by every account command. */
export interface CommandContext {
  /** Unique id of this command; stored as its events' `causationId`. */
  commandId: string;
  /** Id of the request or conversation; stored as its events' `correlationId`. */
  correlationId?: string;
  /** Present when the client sent an `Idempotency-Key`. */
  idempotency?: CommandIdempotency;
}

/** The client's `Idempotency-Key` and a fingerprint of the request it came with (route and body). */
export interface CommandIdempotency {
  key: string;
  fingerprint: string;
}
