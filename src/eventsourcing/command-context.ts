/**
 * Who asked for a command and how to deduplicate it. Its ids are stored with the events the command
 * appends, so an event leads back to the command and the request that caused it.
 */
export interface CommandContext {
  /** Unique id of this command; stored as its events' `causationId`. */
  commandId: string;
  /** Id of the request or conversation; stored as its events' `correlationId`. */
  correlationId?: string;
  /** Present when the client sent an idempotency key (HTTP: an `Idempotency-Key` header). */
  idempotency?: CommandIdempotency;
}

/** An idempotency key and a fingerprint of the request it came with (e.g. a hash of route and body). */
export interface CommandIdempotency {
  key: string;
  fingerprint: string;
}
