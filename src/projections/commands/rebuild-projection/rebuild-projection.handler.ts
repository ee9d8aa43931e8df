import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ProjectionRunner } from '../../projection-runner.js';
import type { RebuildResult } from '../../projection-worker.js';
import { RebuildProjectionCommand } from './rebuild-projection.command.js';

@CommandHandler(RebuildProjectionCommand)
export class RebuildProjectionHandler implements ICommandHandler<RebuildProjectionCommand, RebuildResult> {
  constructor(private readonly runner: ProjectionRunner) {}

  execute(command: RebuildProjectionCommand): Promise<RebuildResult> {
    return this.runner.rebuild(command.name);
  }
}
