export * from './event-message.js';
export * from './event-relay.js';
export * from './event-relay.module.js';
export * from './event-relay.options.js';
export * from './rabbitmq-publisher.js';
