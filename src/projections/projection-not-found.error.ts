import { DomainError } from '../common/errors/domain-error.js';

/** No projection has this name; the message lists the known ones. */
export class ProjectionNotFoundError extends DomainError {
  readonly code = 'PROJECTION_NOT_FOUND' as const;

  constructor(name: string, known: string[]) {
    super(`Projection ${name} not found; known projections: ${known.join(', ')}`);
  }
}
