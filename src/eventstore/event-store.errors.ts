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

/** An event of the append has the id of an event already stored (ids are unique); nothing was written. */
export class DuplicateEventIdError extends Error {
  constructor(
    readonly streamId: string,
    /** The duplicated id, when the database names it. */
    readonly eventId?: string,
  ) {
    super(`Event id ${eventId ?? 'of an event appended to ' + streamId} is already stored`);
    this.name = 'DuplicateEventIdError';
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
    readonly expectedGeneration?: number,
    readonly actualGeneration?: number,
  ) {
    super(
      `Projection ${projection} is at position ${actualPosition}` +
        (actualGeneration === undefined ? '' : ` (generation ${actualGeneration})`) +
        `, expected ${expectedPosition}` +
        (expectedGeneration === undefined ? '' : ` (generation ${expectedGeneration})`),
    );
    this.name = 'ProjectionCheckpointConflictError';
  }

  /**
   * The conflict of committing from `expected` when the stored checkpoint is `actual` (null: none
   * yet, which counts as position 0 of any generation), or null when there is none.
   */
  static between(
    name: string,
    expected: { position: number; generation?: number },
    actual: { position: number; generation: number } | null | undefined,
  ): ProjectionCheckpointConflictError | null {
    const position = actual?.position ?? 0;
    const generationDiffers = actual != null && expected.generation !== undefined && actual.generation !== expected.generation;
    if (position === expected.position && !generationDiffers) return null;
    return new ProjectionCheckpointConflictError(name, expected.position, position, expected.generation, actual?.generation);
  }
}
