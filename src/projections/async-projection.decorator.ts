import { SetMetadata } from '@nestjs/common';

/** Metadata key set by {@link AsyncProjection} on the class of a projection provider. */
export const ASYNC_PROJECTION_METADATA = Symbol('ASYNC_PROJECTION');

/**
 * Marks a provider as a {@link Projection} for the runner of `ProjectionsModule`, which finds every
 * such provider in the application (host projections included) and runs it from the event log.
 */
export const AsyncProjection = (): ClassDecorator => SetMetadata(ASYNC_PROJECTION_METADATA, true);
