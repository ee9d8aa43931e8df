/**
 * The event-sourcing toolkit: the event store (port, module, adapters, upcasters), aggregates and their
 * generic repository, and the projections framework. The bank features are under `./bank`, the testing
 * kit under `./testing`.
 */
export * from './eventstore/index.js';
export * from './eventsourcing/index.js';
export * from './projections/index.js';
