/**
 * Errors of the event-store port. They are technical; features translate them into their own
 * domain errors (e.g. a version conflict the client asked for becomes VERSION_CONFLICT).
 */

/** The stream's version is not the expected one; nothing was written. */
export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(`Stream ${streamId} is at version ${currentVersion}, expected ${expectedVersion}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** An idempotency record with this key already exists; nothing was written. */
export class IdempotencyKeyTakenError extends Error {
  constructor(readonly key: string) {
    super(`Idempotency key ${key} is already recorded`);
    this.name = 'IdempotencyKeyTakenError';
  }
}

/** The store cannot be reached or stayed busy past its timeout. */
export class EventStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}

/** A projection checkpoint moved since the worker read it (another worker applied); nothing was written. */
export class ProjectionCheckpointConflictError extends Error {
  constructor(
    readonly projection: string,
    readonly expectedPosition: number,
    readonly actualPosition: number,
  ) {
    super(`Projection ${projection} is at position ${actualPosition}, expected ${expectedPosition}`);
    this.name = 'ProjectionCheckpointConflictError';
  }
}
