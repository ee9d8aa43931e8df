/**
 * A command met a concurrent writer on every attempt its repository allows (`maxAttempts`); nothing of
 * it was appended. The stream is under heavy concurrent writes: retry later.
 */
export class ConcurrencyRetriesExhaustedError extends Error {
  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`Stream ${streamId} moved under each of ${attempts} attempts; retry later`);
    this.name = 'ConcurrencyRetriesExhaustedError';
  }
}
