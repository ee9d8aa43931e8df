import { PostgresEventStore } from '../../src/eventstore/adapters/postgres/postgres-event-store.js';
import { DATABASE_URL, describeWithPostgres, dropSchemas, freshSchema } from '../support/postgres.js';
import { describeEventStoreContract } from './event-store.contract.js';

const schemas: string[] = [];

await describeWithPostgres('PostgreSQL event store', () => {
  afterAll(() => dropSchemas(schemas));

  describeEventStoreContract('postgres', {
    create: async () => {
      const schema = freshSchema();
      schemas.push(schema);
      return PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, poolSize: 4 });
    },
  });
});
