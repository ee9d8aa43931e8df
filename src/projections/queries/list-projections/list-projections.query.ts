import { Query } from '@nestjs/cqrs';
import type { ProjectionStatus } from '../../projection-status.js';

/** The status of every projection. */
export class ListProjectionsQuery extends Query<ProjectionStatus[]> {}
