import { PostgresEventStore } from '../../src/eventstore/adapters/postgres/postgres-event-store.js';
import { DATABASE_URL, describeWithPostgres, dropSchemas, freshSchema } from '../support/postgres.js';
import { describeEventSourcedRepositoryContract } from './event-sourced-repository.contract.js';

const schemas: string[] = [];

await describeWithPostgres('EventSourcedRepository on PostgreSQL', () => {
  afterAll(() => dropSchemas(schemas));

  describeEventSourcedRepositoryContract('postgres', {
    create: async () => {
      const schema = freshSchema();
      schemas.push(schema);
      return PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, poolSize: 4 });
    },
  });
});
