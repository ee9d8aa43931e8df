export { InMemoryEventStore } from '../eventstore/adapters/in-memory/in-memory-event-store.js';
export * from './aggregate-specification.js';
export * from './batching.js';
export * from './projected-read-model.js';
export * from './projection-specification.js';
export * from './stored-event-factory.js';
