import { Query } from '@nestjs/cqrs';
import type { ProjectionStatus } from '../../projection-status.js';

/** The status of one projection, once it has applied `minPosition` (or, without, this process's writes). */
export class GetProjectionStatusQuery extends Query<ProjectionStatus> {
  constructor(
    readonly name: string,
    readonly minPosition?: number,
  ) {
    super();
  }
}
