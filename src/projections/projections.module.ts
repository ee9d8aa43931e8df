import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CLOCK, SystemClock } from '../common/clock/clock.js';
import { ProjectionReads } from './projection-reads.js';
import { ProjectionRunner } from './projection-runner.js';
import { ConfigurableProjectionsModule } from './projections.options.js';

/**
 * The projections framework: the runner, which finds every `@AsyncProjection()` provider of the
 * application (the host's own included) and runs it from the event log with checkpoints committed with
 * its read model, and `ProjectionReads`, how query handlers read a projection consistently. Pass the
 * EventStoreModule in `imports`; the module has no routes.
 *
 * ```ts
 * const projections = ProjectionsModule.forRoot({ imports: [store] });
 * ```
 */
@Module({
  imports: [DiscoveryModule],
  providers: [{ provide: CLOCK, useClass: SystemClock }, ProjectionRunner, ProjectionReads],
  exports: [ProjectionRunner, ProjectionReads],
})
export class ProjectionsModule extends ConfigurableProjectionsModule {}
