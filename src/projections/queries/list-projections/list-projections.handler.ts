import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ProjectionRunner } from '../../projection-runner.js';
import type { ProjectionStatus } from '../../projection-status.js';
import { ListProjectionsQuery } from './list-projections.query.js';

@QueryHandler(ListProjectionsQuery)
export class ListProjectionsHandler implements IQueryHandler<ListProjectionsQuery, ProjectionStatus[]> {
  constructor(private readonly runner: ProjectionRunner) {}

  async execute(): Promise<ProjectionStatus[]> {
    await this.runner.awaitAllReadable();
    return this.runner.statuses();
  }
}
