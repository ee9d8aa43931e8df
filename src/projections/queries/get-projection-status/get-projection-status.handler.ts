import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ProjectionRunner } from '../../projection-runner.js';
import type { ProjectionStatus } from '../../projection-status.js';
import { GetProjectionStatusQuery } from './get-projection-status.query.js';

@QueryHandler(GetProjectionStatusQuery)
export class GetProjectionStatusHandler implements IQueryHandler<GetProjectionStatusQuery, ProjectionStatus> {
  constructor(private readonly runner: ProjectionRunner) {}

  /** @throws ProjectionNotFoundError for an unknown name. */
  async execute(query: GetProjectionStatusQuery): Promise<ProjectionStatus> {
    await this.runner.awaitReadable(query.name, query.minPosition);
    return this.runner.status(query.name);
  }
}
