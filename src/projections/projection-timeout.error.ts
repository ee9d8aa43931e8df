import { DomainError } from '../common/errors/domain-error.js';

/** A read asked for `minPosition` and the projection did not reach it in time. */
export class ProjectionTimeoutError extends DomainError {
  readonly code = 'TIMEOUT' as const;

  constructor(name: string, minPosition: number, reached: number, waitedMs: number) {
    super(`Projection ${name} reached position ${reached}, not ${minPosition}, within ${waitedMs} ms`, {
      lastProcessedVersion: reached,
    });
  }
}
